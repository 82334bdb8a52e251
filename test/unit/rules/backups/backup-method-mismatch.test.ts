import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, source, text } from '../backup/fix-helpers';

const RULE = 'backup-method-mismatch';
describeRuleFixtures(RULE);

describe(RULE, () => {
  const plugin = () => fixture(RULE, 'fire-plugin-cluster-default-method.yaml');

  it('says what the controller will answer and what the cluster can serve', () => {
    const [scheduled, backup] = findings(RULE, plugin()).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.match(scheduled.message, /no method, so the CRD default barmanObjectStore applies/);
    // spec.backup is absent, so the controller's first check answers.
    assert.match(scheduled.message, /"cannot proceed with the backup as the cluster has no backup section"/);
    assert.match(scheduled.message, /Each Backup this ScheduledBackup creates fails/);
    assert.match(backup.message, /^Backup has method: barmanObjectStore, but Cluster "mealie-pg"/);
    assert.match(backup.message, /use method: plugin with pluginConfiguration\.name: barman-cloud\.cloudnative-pg\.io/);
  });

  it('quick fix switches to the plugin, after which nothing fires', () => {
    let files = plugin();
    for (;;) {
      const f = findings(RULE, files)[0];
      if (!f) break;
      files = applyFix(files, f, /Use method: plugin with barman-cloud\.cloudnative-pg\.io/);
    }
    const out = text(files, 'fire-plugin-cluster-default-method.yaml');
    assert.match(out, /schedule: "0 30 1 \* \* \*"\n {2}cluster:\n# \^+ backup-method-mismatch error\n {4}name: mealie-pg\n {2}method: plugin\n {2}pluginConfiguration:\n {4}name: barman-cloud\.cloudnative-pg\.io\n/);
    assert.match(out, /method: plugin\n#\s+\^+ backup-method-mismatch error\n {2}cluster:\n {4}name: mealie-pg\n {2}pluginConfiguration:\n {4}name: barman-cloud/);
    assert.equal(findings('plugin-configuration-missing', files).length, 0);
  });

  it('names the missing section for each method', () => {
    const msgs = findings(RULE, fixture(RULE, 'fire-missing-sections.yaml')).map((f) => f.message);
    assert.ok(msgs.some((m) => /no volumeSnapshot section defined on the target cluster/.test(m) && /can serve method: barmanObjectStore/.test(m)));
    assert.ok(msgs.some((m) => /cluster has no backup section/.test(m) && /no backup configuration at all/.test(m)));
    assert.ok(msgs.some((m) => /cluster has no plugin configured/.test(m)));
    assert.ok(msgs.some((m) => /"no barmanObjectStore section defined on the target cluster"/.test(m) && /can serve method: volumeSnapshot/.test(m)));
    // No plugin fix without the Barman Cloud Plugin on the cluster.
    assert.ok(findings(RULE, fixture(RULE, 'fire-missing-sections.yaml')).every((f) => (f.fixes ?? []).length === 0));
  });

  it('flags a plugin that is disabled on the cluster and offers the one that is enabled', () => {
    const [f] = findings(RULE, fixture(RULE, 'fire-plugin-not-enabled.yaml'));
    assert.match(f.message, /Plugin "barman-cloud\.cloudnative-pg\.io" is not enabled on Cluster "pg" \(its enabled plugins are "snapshots\.example\.com"\)/);
    assert.ok(f.fixes?.[0].title.includes('snapshots.example.com'));
  });

  it('leaves a misspelt Barman Cloud Plugin name to barman-plugin-name', () => {
    const files = [
      source(
        'c.yaml',
        `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: pg}
spec:
  instances: 1
  storage: {size: 1Gi}
  plugins:
    - name: barman-cloud
      parameters: {barmanObjectName: s}
---
apiVersion: postgresql.cnpg.io/v1
kind: Backup
metadata: {name: b}
spec:
  method: plugin
  pluginConfiguration: {name: barman-cloud.cloudnative-pg.io}
  cluster: {name: pg}
---
apiVersion: postgresql.cnpg.io/v1
kind: Backup
metadata: {name: b2}
spec:
  method: plugin
  pluginConfiguration: {name: barman}
  cluster: {name: pg}
`,
      ),
    ];
    assert.deepEqual(findings(RULE, files), []);
    assert.ok(findings('barman-plugin-name', files).length >= 2);
  });
});
