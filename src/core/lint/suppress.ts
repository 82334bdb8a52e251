// Suppression comments:
//   # cnpg-lint-disable-next-line <rule>[, <rule>]   the next non-comment line
//   # cnpg-lint-disable <rule>[, <rule>]             the whole document it stands in
// With no rule named, every rule is suppressed there.
import type { ParsedFile } from '../yaml/parse';
import type { Finding } from '../rules/types';

export interface Suppression {
  rules: Set<string> | 'all';
  /** Zero-based file lines covered, inclusive. */
  fromLine: number;
  toLine: number;
}

const DIRECTIVE = /#\s*cnpg-lint-disable(-next-line)?(?:\s+([\w-]+(?:\s*,\s*[\w-]+)*))?\s*$/;

export function suppressionsOf(file: ParsedFile): Suppression[] {
  const result: Suppression[] = [];
  for (const d of file.documents) {
    const lines = d.text.split('\n');
    const lastLine = d.fileLine + lines.length - 1;
    lines.forEach((text, i) => {
      const m = DIRECTIVE.exec(text);
      if (!m) return;
      const rules = m[2] ? new Set(m[2].split(',').map((r) => r.trim())) : 'all';
      if (m[1]) {
        let next = i + 1;
        while (next < lines.length && /^\s*(#.*)?$/.test(lines[next])) next++;
        result.push({ rules, fromLine: d.fileLine + next, toLine: d.fileLine + next });
      } else {
        result.push({ rules, fromLine: d.fileLine, toLine: lastLine });
      }
    });
  }
  return result;
}

export function isSuppressed(suppressions: Suppression[], f: Finding): boolean {
  return suppressions.some(
    (s) => f.range.start.line >= s.fromLine && f.range.start.line <= s.toLine && (s.rules === 'all' || s.rules.has(f.rule)),
  );
}
