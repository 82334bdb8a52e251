import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture } from './fix-helpers';

describeRuleFixtures('object-store-not-found');

describe('object-store-not-found', () => {
  const files = () => fixture('object-store-not-found', 'fire-missing-and-typo');

  it('is an error against a live cluster', () => {
    const live = findings('object-store-not-found', files(), { live: true });
    assert.equal(live.length, 2);
    assert.ok(live.every((f) => f.severity === 'error'));
  });

  it('explains the stall and offers the close store name', () => {
    const typo = findings('object-store-not-found', files()).find((f) => f.message.includes('"pg-stor"'))!;
    assert.match(typo.message, /requeues/);
    assert.match(typo.message, /Did you mean "pg-store"\?/);
    const fixed = applyFix(files(), typo, /Use ObjectStore "pg-store"/);
    assert.equal(findings('object-store-not-found', fixed).length, 1);
  });

  it('does not offer a store from another namespace', () => {
    const other = findings('object-store-not-found', files()).find((f) => f.message.includes('"origin-backups"'))!;
    assert.deepEqual(other.fixes ?? [], []);
  });
});
