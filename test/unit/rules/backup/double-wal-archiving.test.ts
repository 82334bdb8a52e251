import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { findings, fixture } from './fix-helpers';

describeRuleFixtures('double-wal-archiving');

describe('double-wal-archiving', () => {
  it('says what happens and is exclusive with the webhook rejection and plugin-not-wal-archiver', () => {
    const files = fixture('double-wal-archiving', 'fire-in-tree-plus-plugin.yaml');
    const [f] = findings('double-wal-archiving', files);
    assert.match(f.message, /archived twice/);
    assert.deepEqual(findings('in-tree-and-plugin-archiver', files), []);
    assert.deepEqual(findings('plugin-not-wal-archiver', files), []);
  });
});
