import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { findings, fixture } from './fix-helpers';

describeRuleFixtures('in-tree-and-plugin-archiver');

describe('in-tree-and-plugin-archiver', () => {
  it('quotes the webhook and is exclusive with double-wal-archiving', () => {
    const files = fixture('in-tree-and-plugin-archiver', 'fire-in-tree-plus-archiver.yaml');
    const [f] = findings('in-tree-and-plugin-archiver', files);
    assert.match(f.message, /Cannot enable a WAL archiver plugin when barmanObjectStore is configured/);
    assert.deepEqual(findings('double-wal-archiving', files), []);
    assert.deepEqual(findings('plugin-not-wal-archiver', files), []);
  });
});
