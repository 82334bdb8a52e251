// Applies a finding's quick fix to fixture files and lints the result again.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { SourceFile } from '../../../../src/core/lint';
import { applyTextEdits } from '../../../../src/core/edits/apply';
import type { Finding, LintOptions } from '../../../../src/core/rules/types';
import { FIXTURES, lintFixture, readFixture } from '../harness';

export function fixture(ruleId: string, name: string): SourceFile[] {
  return readFixture(join(FIXTURES, ruleId, name));
}

export function source(path: string, text: string): SourceFile {
  return { path, text };
}

export function findings(ruleId: string, files: SourceFile[], options: LintOptions = {}): Finding[] {
  return lintFixture(files, options).filter((f) => f.rule === ruleId);
}

/** Applies the fix whose title matches, returning the new set of files (every file must still parse). */
export function applyFix(files: SourceFile[], finding: Finding, title: RegExp): SourceFile[] {
  const fix = (finding.fixes ?? []).find((f) => title.test(f.title));
  assert.ok(fix, `no fix matching ${title} among ${(finding.fixes ?? []).map((f) => f.title).join(', ')}`);
  const out = files.map((f) => ({ ...f }));
  for (const change of fix.changes()) {
    const file = out.find((f) => f.path === change.file);
    assert.ok(file, `fix edits unknown file ${change.file}`);
    file.text = applyTextEdits(file.text, change.edits);
    for (const d of parseAllDocuments(file.text) as { errors: unknown[] }[]) assert.deepEqual(d.errors, []);
  }
  return out;
}

export function text(files: SourceFile[], endsWith: string): string {
  const f = files.find((x) => x.path.endsWith(endsWith));
  assert.ok(f, endsWith);
  return f.text;
}
