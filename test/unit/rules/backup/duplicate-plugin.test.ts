import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture } from './fix-helpers';

describeRuleFixtures('duplicate-plugin');

describe('duplicate-plugin', () => {
  it('points at the winning entry and removes an overridden one', () => {
    const files = fixture('duplicate-plugin', 'fire-duplicates.yaml');
    const [f] = findings('duplicate-plugin', files);
    assert.match(f.message, /spec\.plugins\[2\] and later; the last entry \(spec\.plugins\[3\]\) wins/);
    const fixed = applyFix(files, f, /Remove this overridden entry/);
    assert.deepEqual(parse(fixed[0].text).spec.plugins.map((p: { name: string }) => p.name), ['other.example.com', 'barman-cloud.cloudnative-pg.io', 'barman-cloud.cloudnative-pg.io']);
    assert.equal(findings('duplicate-plugin', fixed).length, 1);
  });
});
