import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describeRuleFixtures, FIXTURES, lintFixture, readFixture } from '../harness';

describeRuleFixtures('unknown-field');

describe('unknown-field messages and fixes', () => {
  const findings = lintFixture(readFixture(join(FIXTURES, 'unknown-field', 'fire-cluster-misplaced-fields.yaml'))).filter((f) => f.rule === 'unknown-field');
  const byKey = (key: string) => {
    const f = findings.find((x) => x.message.includes(`field \`${key}\``));
    assert.ok(f, `finding for ${key}`);
    return f;
  };

  it('says what the API server does with an unknown field', () => {
    assert.match(byKey('tolerations').message, /kubectl rejects the document \(strict field validation is its default\)/);
    assert.match(byKey('tolerations').message, /drops the field/);
  });

  it('sends spec.tolerations to spec.affinity.tolerations', () => {
    assert.match(byKey('tolerations').message, /spec\.affinity\.tolerations/);
  });

  it('offers a rename for a case typo of a sibling field', () => {
    const f = byKey('isWalArchiver');
    assert.match(f.message, /Did you mean `isWALArchiver`\?/);
    const change = f.fixes?.[0]?.changes()[0];
    assert.equal(change?.edits[0].newText, 'isWALArchiver');
    assert.deepEqual(change?.edits[0].range, f.range);
  });

  it('recognises a comment that lost its #', () => {
    assert.match(byKey('TODO move to the new store').message, /comment that lost its `#`/);
  });

  it('points ObjectStore fields to where they belong', () => {
    const store = lintFixture(readFixture(join(FIXTURES, 'unknown-field', 'fire-objectstore-retention-placement.yaml'))).filter((f) => f.rule === 'unknown-field');
    assert.match(store.find((f) => f.message.includes('`retentionPolicy`'))!.message, /move it to `spec\.retentionPolicy`/);
    assert.match(store.find((f) => f.message.includes('`endpointURL`'))!.message, /is a field of `spec\.configuration`/);
  });

  it('is off when schema validation is off (editor setting)', () => {
    const files = readFixture(join(FIXTURES, 'unknown-field', 'fire-cluster-misplaced-fields.yaml'));
    assert.equal(lintFixture(files, { schemaValidation: false }).filter((f) => f.rule === 'unknown-field').length, 0);
  });
});
