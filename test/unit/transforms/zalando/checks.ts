// Checks shared by the Zalando and restore-test tests: what the linter says about the documents a
// transform created or changed, and the plain values of the documents it created.
import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { lintSources } from '../../../../src/core/lint';
import { getIn } from '../../../../src/core/model/resource';
import type { Finding, FileChange } from '../../../../src/core/rules/types';
import { splitDocuments } from '../../../../src/core/yaml/split';

/** Findings (any rule, any severity) located in documents that are new or changed in the output. */
export function findingsInNewDocuments(input: Map<string, string>, output: Map<string, string>): Finding[] {
  const files = [...output].filter(([p]) => /\.ya?ml$/.test(p)).map(([path, text]) => ({ path, text }));
  const findings = lintSources(files, { schemaValidation: true });
  return findings.filter((f) => {
    const text = output.get(f.file)!;
    const before = input.get(f.file);
    const old = new Set(before === undefined ? [] : splitDocuments(before).map((c) => c.text));
    const chunks = splitDocuments(text);
    return chunks.some((ch, i) => {
      if (old.has(ch.text)) return false;
      const end = i + 1 < chunks.length ? chunks[i + 1].line : Number.MAX_SAFE_INTEGER;
      return f.range.start.line >= ch.line && f.range.start.line < end;
    });
  });
}

export function assertNoFindings(input: Map<string, string>, output: Map<string, string>, label: string, allowed: string[] = []): void {
  const bad = findingsInNewDocuments(input, output).filter((f) => !allowed.includes(f.rule));
  assert.deepEqual(
    bad.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule}: ${f.message}`),
    [],
    `${label}: the generated documents have findings`,
  );
}

/** The documents of the files a run created, as plain values. */
export function createdDocuments(changes: FileChange[], output: Map<string, string>): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (const c of changes.filter((x) => x.create)) {
    for (const d of parseAllDocuments(output.get(c.file)!) as unknown as { errors: unknown[]; toJS(): unknown }[]) {
      assert.deepEqual(d.errors, [], `${c.file} parses`);
      const v = d.toJS();
      if (v) docs.push(v as Record<string, unknown>);
    }
  }
  return docs;
}

/** Lines that differ between two texts of the same line count (undefined when the counts differ). */
export function differingLines(a: string, b: string): number[] | undefined {
  const la = a.split('\n');
  const lb = b.split('\n');
  if (la.length !== lb.length) return undefined;
  return la.flatMap((l, i) => (l === lb[i] ? [] : [i]));
}

/** The value at a dotted path (`spec.plugins.0.name`; digits index lists). */
export function at(value: unknown, path: string): unknown {
  return getIn(value, path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}

/** The first document of a kind. */
export function ofKind(docs: Record<string, unknown>[], kind: string): Record<string, unknown> {
  const d = docs.find((x) => x.kind === kind);
  assert.ok(d, `a ${kind} document`);
  return d;
}
