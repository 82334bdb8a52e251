// The examples on the three docs pages behave as the pages say.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintSources } from '../../../../src/core/lint';

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'rules');

function example(page: string, section: 'Fails' | 'Passes'): string {
  const text = readFileSync(join(DOCS, page), 'utf8');
  const after = text.slice(text.indexOf(`## ${section}`));
  const m = /```yaml\n([\s\S]*?)```/.exec(after);
  assert.ok(m, `${page} ${section} has a yaml block`);
  return m[1];
}

for (const rule of ['unknown-field', 'invalid-value', 'missing-required-field']) {
  describe(`docs/rules/${rule}.md examples`, () => {
    const findings = (text: string) => lintSources([{ path: 'doc.yaml', text }], { schemaValidation: true });
    it('the failing example fires on each marked line', () => {
      const text = example(`${rule}.md`, 'Fails');
      const marked = text.split('\n').flatMap((l, i) => (l.includes('# <- flagged') ? [i] : []));
      const lines = findings(text).filter((f) => f.rule === rule).map((f) => f.range.start.line);
      assert.deepEqual([...new Set(lines)].sort((a, b) => a - b), marked);
    });
    it('the passing example has no schema finding', () => {
      const schemaRules = ['unknown-field', 'invalid-value', 'missing-required-field'];
      assert.deepEqual(findings(example(`${rule}.md`, 'Passes')).filter((f) => schemaRules.includes(f.rule)), []);
    });
  });
}
