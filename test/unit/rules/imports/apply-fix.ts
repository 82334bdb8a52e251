// Test helper: lint a YAML text, take one rule's findings, and apply a quick fix to the text.
import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { applyTextEdits } from '../../../../src/core/edits/apply';
import { lintSources } from '../../../../src/core/lint';
import type { Finding, LintOptions } from '../../../../src/core/rules/types';

export const FILE = '/fixture/cluster.yaml';

export function findingsOf(rule: string, text: string, options: LintOptions = {}): Finding[] {
  return lintSources([{ path: FILE, text }], options).filter((f) => f.rule === rule);
}

/** Applies the first fix of a finding and returns the new text, checking that it still parses. */
export function applyFix(finding: Finding, text: string, fixIndex = 0): string {
  const fix = finding.fixes?.[fixIndex];
  assert.ok(fix, `finding "${finding.message}" has no fix ${fixIndex}`);
  const changes = fix.changes();
  assert.equal(changes.length, 1);
  assert.equal(changes[0].file, FILE);
  const result = applyTextEdits(text, changes[0].edits);
  for (const doc of parseAllDocuments(result) as { errors: unknown[] }[]) assert.deepEqual(doc.errors, []);
  return result;
}
