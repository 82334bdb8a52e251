// Golden fixtures for transforms. A case is a folder:
//   input/**      the workspace before (YAML files, any layout)
//   expected/**   every file the transform changes or creates, as it must be afterwards
//   case.json     { "options": {...}, "refused": "text of the reason", "notes": ["substring", ...] }
// A refused case has no expected/ folder. UPDATE_GOLDEN=1 rewrites expected/ from the output (review the diff!).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { WorkspaceModel } from '../../../src/core/model/workspace';
import { addSource } from '../../../src/core/lint';
import type { FileChange } from '../../../src/core/rules/types';
import { applyFileChanges } from '../../../src/core/transforms/text/edits';

export const TRANSFORM_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'transforms');

export interface CaseConfig {
  options?: Record<string, unknown>;
  refused?: string;
  notes?: string[];
  /** Comments of a block whose ObjectStore is reused are not carried anywhere. */
  dropsComments?: boolean;
  [key: string]: unknown;
}

export interface FixtureCase {
  name: string;
  dir: string;
  config: CaseConfig;
  input: Map<string, string>;
  expected: Map<string, string> | undefined;
}

export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export function listCases(family: string): FixtureCase[] {
  const root = join(TRANSFORM_FIXTURES, family);
  return readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const configPath = join(dir, 'case.json');
      const config: CaseConfig = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')) : {};
      const expectedDir = join(dir, 'expected');
      return { name, dir, config, input: readTree(join(dir, 'input')), expected: existsSync(expectedDir) ? readTree(expectedDir) : undefined };
    });
}

export function modelOf(files: Map<string, string>): WorkspaceModel {
  const model = new WorkspaceModel();
  for (const [path, text] of files) if (/\.ya?ml$|(^|\/)Kustomization$/.test(path)) addSource(model, { path, text });
  return model;
}

/** The workspace after the changes, and the set of files they touched. */
export function applied(input: Map<string, string>, changes: FileChange[]): { output: Map<string, string>; touched: Set<string> } {
  return { output: applyFileChanges(input, changes), touched: new Set(changes.map((c) => c.file)) };
}

/** Compares the touched files with expected/, or rewrites expected/ under UPDATE_GOLDEN=1. */
export function checkGolden(c: FixtureCase, output: Map<string, string>, touched: Set<string>): void {
  const actual = new Map([...touched].sort().map((f) => [f, output.get(f)!] as const));
  if (process.env.UPDATE_GOLDEN) {
    const dir = join(c.dir, 'expected');
    rmSync(dir, { recursive: true, force: true });
    for (const [f, text] of actual) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    return;
  }
  if (actual.size === 0 && !c.expected) return;
  assert.ok(c.expected, `${c.name}: no expected/ folder (run with UPDATE_GOLDEN=1 to create it, then review it)`);
  assert.deepEqual([...actual.keys()], [...c.expected.keys()].sort(), `${c.name}: the set of changed files differs`);
  for (const [f, text] of actual) assert.equal(text, c.expected.get(f), `${c.name}: ${f} differs from expected/${f}`);
}
