// Quick local measurement of the schema validator's cost (not a test: nothing asserts time).
//   npx tsx bench/schemas/measure.ts [documents=10000]
// Generates documents from the realistic pass fixtures, then times: a bare `yaml` parse of the same
// text, the validator alone over the plain values, and the full lint with and without schema rules.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { addSource, createLinter, lintSources } from '../../src/core/lint';
import { WorkspaceModel } from '../../src/core/model/workspace';
import { schemaRules } from '../../src/core/rules/schema';
import { schemaFor } from '../../src/core/schema/compile';
import { validateValue } from '../../src/core/schema/validate';

const total = Number(process.argv[2] ?? 10000);
const fixtures = join(__dirname, '..', '..', 'test', 'fixtures', 'rules', 'unknown-field');
const templates = readdirSync(fixtures)
  .filter((n) => n.startsWith('pass-realistic'))
  .flatMap((n) => readFileSync(join(fixtures, n), 'utf8').split(/^---$/m))
  .map((t) => t.trim())
  .filter((t) => t.includes('apiVersion'));

// 100 documents per file, names made unique so cross-resource rules see distinct objects.
const files: { path: string; text: string }[] = [];
let made = 0;
while (made < total) {
  const docs: string[] = [];
  for (let i = 0; i < 100 && made < total; i++, made++) {
    docs.push(templates[made % templates.length].replace(/^( {2}name: )(\S+)/m, `$1$2-${made}`));
  }
  files.push({ path: `bench/f${files.length}.yaml`, text: `${docs.join('\n---\n')}\n` });
}
const bytes = files.reduce((n, f) => n + f.text.length, 0);

/** Median CPU time (user + system) of `fn`: steadier than wall time on a shared machine. */
function cpuTime(fn: () => void, runs: number): number {
  fn(); // warm-up (compiles schemas, JITs)
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function time(label: string, runs: number, fn: () => void): number {
  const median = cpuTime(fn, runs);
  console.log(`${label.padEnd(44)} ${median.toFixed(0).padStart(7)} ms CPU  ${Math.round((total / median) * 1000).toString().padStart(8)} docs/s`);
  return median;
}

console.log(`${total} documents, ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${templates.length} templates`);
const values = files.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS() as Record<string, unknown>));
const parse = time('bare yaml parse (parseAllDocuments)', 5, () => {
  for (const f of files) parseAllDocuments(f.text);
});
time('yaml parse + toJS', 5, () => {
  for (const f of files) for (const d of parseAllDocuments(f.text)) d.toJS();
});
const validate = time('validator alone (validateValue)', 9, () => {
  for (const v of values) {
    const [group, version] = String(v.apiVersion).split('/');
    validateValue(schemaFor(group, version, String(v.kind))!.root, v);
  }
});
// The three rules alone on an already parsed model (new linters, so nothing is cached).
const model = new WorkspaceModel();
for (const f of files) addSource(model, f);
const rulesOnly = time('schema rules alone (parsed model)', 5, () => createLinter(model, { schemaValidation: true }, schemaRules).lintAll());
const noRules = time('engine with no rules (parsed model)', 5, () => createLinter(model, { schemaValidation: true }, []).lintAll());
console.log(`schema rules (minus engine overhead) / bare parse: ${((rulesOnly - noRules) / parse).toFixed(3)}x`);

// Interleaved so that load changes on a shared machine hit both alike.
const offRuns: number[] = [];
const onRuns: number[] = [];
for (let r = 0; r < 3; r++) {
  offRuns.push(cpuTime(() => lintSources(files, { schemaValidation: false }), 1));
  onRuns.push(cpuTime(() => lintSources(files, { schemaValidation: true }), 1));
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const off = median(offRuns);
const on = median(onRuns);
console.log(`${'full lint, schema rules off'.padEnd(44)} ${off.toFixed(0).padStart(7)} ms CPU  ${Math.round((total / off) * 1000).toString().padStart(8)} docs/s`);
console.log(`${'full lint, schema rules on'.padEnd(44)} ${on.toFixed(0).padStart(7)} ms CPU  ${Math.round((total / on) * 1000).toString().padStart(8)} docs/s`);
console.log(`validator / bare parse: ${(validate / parse).toFixed(3)}x; schema rules add ${(on - off).toFixed(0)} ms (${(((on - off) / off) * 100).toFixed(1)}% of the lint)`);
console.log(`full lint (schema on) / bare parse: ${(on / parse).toFixed(2)}x`);
