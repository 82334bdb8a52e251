// Fixture harness for rule tests.
//
// A fixture is a YAML file, or a folder of files (for cross-file rules and kustomizations), under
// test/fixtures/rules/<rule-id>/. Expected findings are written as caret comments under the line:
//
//     barmanObjectName: missing-store
//                       ^^^^^^^^^^^^^ object-store-not-found warning
//
// The carets give the exact columns of the range on the line above (the nearest line that is not a
// caret comment); the severity is optional. A fixture whose name starts with `pass` must yield no
// finding of the rule; one that starts with `fire` must yield exactly the marked findings.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintSources, type SourceFile } from '../../../src/core/lint';
import type { Finding, LintOptions, Severity } from '../../../src/core/rules/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');

export interface Expected {
  file: string;
  line: number;
  start: number;
  end: number;
  rule: string;
  severity?: Severity;
}

const CARET = /^(\s*)#(\s*)(\^+)\s+([\w-]+)(?:\s+(error|warning|info))?\s*$/;

export function readFixture(path: string): SourceFile[] {
  if (statSync(path).isDirectory()) {
    const out: SourceFile[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) out.push({ path: p, text: readFileSync(p, 'utf8') });
      }
    };
    walk(path);
    return out;
  }
  return [{ path, text: readFileSync(path, 'utf8') }];
}

export function expectedFindings(files: SourceFile[]): Expected[] {
  const result: Expected[] = [];
  for (const f of files) {
    const lines = f.text.split('\n');
    let target = -1;
    lines.forEach((text, i) => {
      const m = CARET.exec(text);
      if (!m) {
        target = i;
        return;
      }
      const start = text.indexOf('^');
      result.push({ file: f.path, line: target, start, end: start + m[3].length, rule: m[4], severity: m[5] as Severity | undefined });
    });
  }
  return result;
}

export function lintFixture(files: SourceFile[], options: LintOptions = {}): Finding[] {
  return lintSources(files, { schemaValidation: true, ...options });
}

function show(f: { file: string; line: number; start: number; end: number; rule: string; severity?: string }, base: string) {
  return `${relative(base, f.file)}:${f.line + 1}:${f.start}-${f.end} ${f.rule}${f.severity ? ' ' + f.severity : ''}`;
}

/** Checks one fixture against its caret comments, for one rule. */
export function checkFixture(ruleId: string, path: string, options: LintOptions = {}): Finding[] {
  const files = readFixture(path);
  const findings = lintFixture(files, options).filter((f) => f.rule === ruleId);
  const expected = expectedFindings(files).filter((e) => e.rule === ruleId);
  const actual = findings.map((f) => ({
    file: f.file,
    line: f.range.start.line,
    start: f.range.start.character,
    end: f.range.end.line === f.range.start.line ? f.range.end.character : -1,
    rule: f.rule,
    severity: f.severity,
  }));
  const base = FIXTURES;
  const actualText = actual.map((a) => show(a, base)).sort();
  const expectedText = expected.map((e) => show({ ...e, severity: e.severity ?? actual.find((a) => a.file === e.file && a.line === e.line && a.start === e.start)?.severity }, base)).sort();
  assert.deepEqual(actualText, expectedText, `findings of ${ruleId} in ${relative(base, path)}:\n${findings.map((f) => `  ${f.range.start.line + 1}:${f.range.start.character} ${f.message}`).join('\n')}`);
  return findings;
}

/** Declares one mocha test per fixture in test/fixtures/rules/<ruleId>/. */
export function describeRuleFixtures(ruleId: string, options: LintOptions = {}): void {
  const dir = join(FIXTURES, ruleId);
  const names = readdirSync(dir).filter((n) => /^(fire|pass)/.test(n)).sort();
  assert.ok(names.some((n) => n.startsWith('fire')), `${ruleId} needs at least one fire* fixture`);
  assert.ok(names.some((n) => n.startsWith('pass')), `${ruleId} needs at least one pass* fixture`);
  describe(`${ruleId} fixtures`, () => {
    for (const name of names) {
      it(name, () => {
        const findings = checkFixture(ruleId, join(dir, name), options);
        if (name.startsWith('pass')) assert.equal(findings.length, 0);
        else assert.ok(findings.length > 0, 'a fire fixture must produce a finding');
      });
    }
  });
}
