import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, source, text } from '../backup/fix-helpers';

const RULE = 'external-cluster-server-name-implicit';
describeRuleFixtures(RULE);

describe(RULE, () => {
  const files = () => fixture(RULE, 'fire-plugin-default.yaml');

  it('says which name the plugin will look under', () => {
    const [recovery, replica] = findings(RULE, files()).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.match(recovery.message, /External cluster "pg" \(used by the recovery\).*this Cluster's own name "pg-restored", not under "pg"/);
    assert.match(replica.message, /External cluster "primary-us" \(used by the recovery\)/);
    assert.match(replica.message, /\("legacy", from its barmanObjectStore\)/);
  });

  it('quick fix writes serverName in block and flow style', () => {
    let out = files();
    out = applyFix(out, findings(RULE, out)[0], /Add serverName: pg$/);
    out = applyFix(out, findings(RULE, out)[0], /Add serverName: legacy$/);
    const t = text(out, 'fire-plugin-default.yaml');
    assert.match(t, /barmanObjectName: old-store\n {10}serverName: pg\n/);
    assert.match(t, /parameters: \{barmanObjectName: us-store, serverName: legacy\}\}/);
    assert.equal(findings(RULE, out).length, 0);
  });

  it('treats an empty serverName as missing, as the plugin does, and fills it in', () => {
    const files = [
      source(
        'c.yaml',
        `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: pg-new}
spec:
  instances: 1
  storage: {size: 1Gi}
  bootstrap: {recovery: {source: pg-old}}
  externalClusters:
    - name: pg-old
      plugin:
        name: barman-cloud.cloudnative-pg.io
        parameters:
          barmanObjectName: store
          serverName: ""
`,
      ),
    ];
    const [f] = findings(RULE, files);
    assert.ok(f);
    const out = applyFix(files, f, /Add serverName: pg-old/);
    assert.match(text(out, 'c.yaml'), /serverName: "pg-old"\n/);
    assert.equal(findings(RULE, out).length, 0);
  });
});
