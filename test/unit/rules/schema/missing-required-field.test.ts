import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describeRuleFixtures, FIXTURES, lintFixture, readFixture } from '../harness';

describeRuleFixtures('missing-required-field');

describe('missing-required-field at the top level', () => {
  // Keys at column 0 cannot carry caret comments, so these ranges are asserted here.
  const findings = lintFixture(readFixture(join(FIXTURES, 'missing-required-field', 'root-level-keys.yaml'))).filter((f) => f.rule === 'missing-required-field');

  it('marks the spec key when spec lacks a required field', () => {
    const f = findings.find((x) => x.message.includes('`cluster`'));
    assert.ok(f);
    assert.deepEqual(f.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 4 } });
    assert.match(f.message, /spec\.cluster: Required value/);
  });

  it('marks metadata when there is neither name nor generateName', () => {
    const f = findings.find((x) => x.message.includes('metadata.name'));
    assert.ok(f);
    assert.deepEqual(f.range, { start: { line: 12, character: 0 }, end: { line: 12, character: 8 } });
  });

  it('finds nothing else', () => {
    assert.equal(findings.length, 2);
  });

  it('says an empty value counts as missing', () => {
    const f = lintFixture(readFixture(join(FIXTURES, 'missing-required-field', 'fire-missing-spec.yaml'))).filter((x) => x.rule === 'missing-required-field');
    assert.match(f.find((x) => x.message.startsWith('Backup'))!.message, /it is empty/);
  });
});
