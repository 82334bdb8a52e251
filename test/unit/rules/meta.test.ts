// Every rule carries its metadata, a docs page with a failing and a passing example, and fixtures.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../../src/core/rules';
import { FIXTURES } from './harness';

const DOCS = join(__dirname, '..', '..', '..', 'docs', 'rules');

describe('rule metadata', () => {
  it('has unique ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      it('says why, cites a source and tells the fix', () => {
        assert.ok(rule.meta.why.length > 20, 'why');
        assert.match(rule.meta.source, /cnpg-facts\.md|crds\/|CRD/, 'source cites cnpg-facts.md or a CRD');
        assert.ok(rule.meta.fix.length > 5, 'fix');
        assert.ok(rule.kinds.length > 0, 'kinds');
      });
      it('has a docs page with a failing and a passing example', () => {
        const page = join(DOCS, `${rule.meta.id}.md`);
        assert.ok(existsSync(page), `docs/rules/${rule.meta.id}.md`);
        const text = readFileSync(page, 'utf8');
        assert.match(text, /## Fails/);
        assert.match(text, /## Passes/);
      });
      it('has fire and pass fixtures', () => {
        const dir = join(FIXTURES, rule.meta.id);
        assert.ok(existsSync(dir), `test/fixtures/rules/${rule.meta.id}/`);
        const names = readdirSync(dir);
        assert.ok(names.some((n) => n.startsWith('fire')) && names.some((n) => n.startsWith('pass')));
      });
    });
  }
});
