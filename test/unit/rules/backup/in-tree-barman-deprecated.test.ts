import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describeRuleFixtures, FIXTURES, readFixture, lintFixture } from '../harness';

describeRuleFixtures('in-tree-barman-deprecated');

describe('in-tree-barman-deprecated severity by operator version', () => {
  const files = readFixture(join(FIXTURES, 'in-tree-barman-deprecated', 'fire-cluster-and-backup.yaml'));
  const of = (v?: string) => lintFixture(files, { operatorVersion: v }).filter((f) => f.rule === 'in-tree-barman-deprecated');

  it('is a warning that names 1.31.0 for 1.30.0 and the default', () => {
    for (const f of [...of('1.30.0'), ...of(undefined)]) {
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /1\.31\.0/);
    }
  });

  it('names the target announced by an older operator (1.28.0 announced 1.29.0)', () => {
    assert.match(of('1.28.0')[0].message, /removed in 1\.29\.0/);
  });

  it('becomes an error once the target reaches the announced removal', () => {
    assert.ok(of('1.31.0').every((f) => f.severity === 'error'));
  });
});
