import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { findings, fixture } from '../backup/fix-helpers';

const RULE = 'recovery-archives-into-source';
describeRuleFixtures(RULE);

describe(RULE, () => {
  it('explains the plugin default (the restoring cluster\'s own name) and the stuck bootstrap', () => {
    const files = fixture(RULE, 'fire-plugin-own-name.yaml');
    const [f] = findings(RULE, files);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /restores from external cluster "clusterBackup" at s3:\/\/cloudnative-pg\/immich-16-db\/ on https:\/\/s3\.garage\.internal/);
    assert.match(f.message, /defaults to this Cluster's own name "immich-16-db"/);
    assert.match(f.message, /"Expected empty archive"/);
    assert.match(f.message, /"Setting up primary"/);
    assert.match(f.message, /e\.g\. "immich-16-db-2"/);
    // One root cause, one finding: the implicit serverName and the shared folder are not reported again.
    assert.equal(findings('external-cluster-server-name-implicit', files).length, 0);
    assert.equal(findings('shared-archive-location', files).length, 0);
  });

  it('uses the in-tree default (the external cluster\'s name) and ignores a trailing slash', () => {
    const [f] = findings(RULE, fixture(RULE, 'fire-in-tree-defaults.yaml'));
    assert.match(f.message, /s3:\/\/backups\/postgres\/pg\/ \(the external cluster's serverName is not written, so it defaults to the external cluster's name "pg"\)/);
    assert.match(f.message, /in-tree spec\.backup\.barmanObjectStore/);
  });

  it('is a warning that describes the mixed catalog when the check is skipped', () => {
    const [f] = findings(RULE, fixture(RULE, 'fire-skip-check.yaml'));
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /skips the empty-archive check, so it starts and writes its new timeline into the source's folder/);
    assert.match(f.message, /e\.g\. "pg-restored"/);
  });
});
