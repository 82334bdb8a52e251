import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { findings, fixture } from '../backup/fix-helpers';

describeRuleFixtures('backup-method-implicit');

describe('backup-method-implicit', () => {
  it('says the CRD default applies and what it does to a plugin cluster', () => {
    const [f] = findings('backup-method-implicit', fixture('backup-method-implicit', 'fire-cluster-elsewhere.yaml'));
    assert.match(f.message, /CRD default barmanObjectStore/);
    assert.match(f.message, /Cluster "homeassistant-postgresql" \(not in this workspace\)/);
    assert.match(f.message, /every Backup this creates fails with "no barmanObjectStore section defined on the target cluster"/);
  });

  it('leaves a known cluster to backup-method-mismatch', () => {
    const files = fixture('backup-method-mismatch', 'fire-plugin-cluster-default-method.yaml');
    assert.equal(findings('backup-method-implicit', files).length, 0);
    assert.ok(findings('backup-method-mismatch', files).length > 0);
  });
});
