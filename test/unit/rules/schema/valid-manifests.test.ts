// No false alarms: every valid manifest we know (the pass fixtures of the three schema rules and
// the examples/ GitOps tree) yields no schema finding at all.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, lintFixture, readFixture } from '../harness';

const SCHEMA_RULES = ['unknown-field', 'invalid-value', 'missing-required-field'];
const EXAMPLES = join(__dirname, '..', '..', '..', '..', 'examples');

describe('valid manifests yield no schema findings', () => {
  for (const rule of SCHEMA_RULES) {
    for (const name of readdirSync(join(FIXTURES, rule)).filter((n) => n.startsWith('pass'))) {
      it(`${rule}/${name}`, () => {
        const findings = lintFixture(readFixture(join(FIXTURES, rule, name))).filter((f) => SCHEMA_RULES.includes(f.rule));
        assert.deepEqual(findings.map((f) => `${f.rule} ${f.range.start.line + 1}: ${f.message}`), []);
      });
    }
  }

  it('examples/', function () {
    if (!existsSync(EXAMPLES)) this.skip();
    const files = readFixture(EXAMPLES);
    assert.ok(files.length > 5);
    const findings = lintFixture(files).filter((f) => SCHEMA_RULES.includes(f.rule));
    assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule}: ${f.message}`), []);
  });
});
