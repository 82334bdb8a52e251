// Invariants every transform output must keep, checked over the golden fixtures and generated input.
import { strict as assert } from 'node:assert';
import { Lexer, parseAllDocuments } from 'yaml';
import { lintSources } from '../../../src/core/lint';
import { allRules } from '../../../src/core/rules';
import type { FileChange } from '../../../src/core/rules/types';
import { splitDocuments } from '../../../src/core/yaml/split';
import { offsetAt } from '../../../src/core/transforms/text/edits';

/** The backup-architecture rules a migrated workspace must not trigger (issue 4). */
export const BACKUP_ARCHITECTURE_RULES = [
  'in-tree-barman-deprecated',
  'in-tree-and-plugin-archiver',
  'double-wal-archiving',
  'multiple-wal-archivers',
  'plugin-not-wal-archiver',
  'barman-plugin-name',
  'barman-plugin-parameters',
  'object-store-not-found',
  'object-store-server-name',
  'object-store-credentials',
  'retention-policy-format',
  'retention-policy-ignored',
  'duplicate-plugin',
  'backup-method-mismatch',
];

/** Other rules a migrated manifest must not trigger (backups, recovery, image). */
export const MIGRATION_RELATED_RULES = [
  'backup-method-implicit',
  'plugin-configuration-missing',
  'recovery-archives-into-source',
  'external-cluster-server-name-implicit',
  'external-cluster-reference',
  'in-tree-barman-image',
];

const SCHEMA_RULES = new Set(allRules.filter((r) => r.meta.schema).map((r) => r.meta.id));

/** Comment texts of a YAML text, from the lexer (so "#" inside values is not a comment). */
export function comments(text: string): string[] {
  if (/\{\{[-\s.$a-zA-Z]/.test(text)) return [];
  const out: string[] = [];
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) out.push(token.trim());
  return out;
}

/**
 * Every comment of the input is in the output (as often as before; with `distinct`, at least once:
 * a block identical to an ObjectStore created from another block is replaced, not copied again).
 */
export function assertCommentsKept(input: Map<string, string>, output: Map<string, string>, label: string, distinct = false): void {
  const count = (files: Map<string, string>) => {
    const m = new Map<string, number>();
    for (const t of files.values()) for (const c of comments(t)) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  };
  const before = count(input);
  const after = count(output);
  for (const [c, n] of before) assert.ok((after.get(c) ?? 0) >= (distinct ? 1 : n), `${label}: comment lost: ${c}`);
}

/** Every edit of an existing file lies inside one document of that file. */
export function assertEditsInsideDocuments(input: Map<string, string>, changes: FileChange[], label: string): void {
  for (const c of changes) {
    if (c.create) continue;
    const text = input.get(c.file)!;
    const chunks = splitDocuments(text);
    for (const e of c.edits) {
      const start = offsetAt(text, e.range.start);
      const end = offsetAt(text, e.range.end);
      const inside = chunks.some((ch) => start >= ch.offset && end <= ch.offset + ch.text.length);
      assert.ok(inside, `${label}: an edit of ${c.file} spans several documents`);
    }
  }
}

/** Documents the transform may not change must come out byte for byte. */
export function assertOthersUntouched(input: Map<string, string>, output: Map<string, string>, mayChange: (docText: string, file: string) => boolean, label: string): void {
  for (const [file, text] of input) {
    const after = output.get(file)!;
    for (const ch of splitDocuments(text)) {
      if (mayChange(ch.text, file)) continue;
      assert.ok(after.includes(ch.text), `${label}: a document of ${file} that should not change did:\n${ch.text}`);
    }
  }
}

/** Line ranges (per file) of documents that are new or changed in the output. */
function changedLines(input: Map<string, string>, output: Map<string, string>): Map<string, [number, number][]> {
  const result = new Map<string, [number, number][]>();
  for (const [file, text] of output) {
    const before = input.get(file);
    const old = new Set(before === undefined ? [] : splitDocuments(before).map((c) => c.text));
    const chunks = splitDocuments(text);
    const ranges: [number, number][] = [];
    chunks.forEach((ch, i) => {
      if (old.has(ch.text)) return;
      const endLine = i + 1 < chunks.length ? chunks[i + 1].line : Number.MAX_SAFE_INTEGER;
      ranges.push([ch.line, endLine]);
    });
    if (ranges.length > 0) result.set(file, ranges);
  }
  return result;
}

/** Lints the output: changed and new documents have no backup-architecture, schema or syntax finding. */
export function assertLintClean(input: Map<string, string>, output: Map<string, string>, label: string): void {
  const files = [...output].filter(([p]) => /\.ya?ml$/.test(p)).map(([path, text]) => ({ path, text }));
  const findings = lintSources(files, { schemaValidation: true });
  const changed = changedLines(input, output);
  const relevant = findings.filter((f) => {
    const ranges = changed.get(f.file);
    return ranges?.some(([a, b]) => f.range.start.line >= a && f.range.start.line < b);
  });
  const bad = relevant.filter((f) => BACKUP_ARCHITECTURE_RULES.includes(f.rule) || MIGRATION_RELATED_RULES.includes(f.rule) || SCHEMA_RULES.has(f.rule) || f.rule === 'yaml-syntax');
  assert.deepEqual(
    bad.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule}: ${f.message}`),
    [],
    `${label}: the output has findings`,
  );
}

/** Documents the barman-plugin migration may change: in-tree Clusters, backups, kustomizations. */
export function barmanMayChange(docText: string, file: string): boolean {
  if (/(^|\/)kustomization\.ya?ml$/.test(file)) return true;
  if (docText.includes('{{')) return false;
  const kinds = new Set<string>();
  try {
    for (const d of parseAllDocuments(docText) as ReturnType<typeof parseAllDocuments> & unknown[]) {
      const v = d.toJS() as { kind?: string } | null;
      if (v?.kind) kinds.add(v.kind);
    }
  } catch {
    return false;
  }
  return (kinds.has('Cluster') && docText.includes('barmanObjectStore')) || kinds.has('Backup') || kinds.has('ScheduledBackup');
}

