import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { findings, fixture } from './fix-helpers';

describeRuleFixtures('multiple-wal-archivers');

describe('multiple-wal-archivers', () => {
  it('names the first archiver and quotes the webhook', () => {
    const [f] = findings('multiple-wal-archivers', fixture('multiple-wal-archivers', 'fire-two-archivers.yaml'));
    assert.match(f.message, /Cannot enable more than one WAL archiver plugin/);
    assert.match(f.message, /barman-cloud\.cloudnative-pg\.io \(spec\.plugins\[0\]\)/);
  });
});
