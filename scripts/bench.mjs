// Benchmark: cnpg-tools against yaml-language-server and against a bare `yaml` parse, on generated
// manifest streams of 100, 1,000 and 10,000 documents, plus edit latency over LSP.
//
//   npm run bench -- [--sizes 100,1000,10000] [--reps 5] [--edits 30] [--ysl-edits 8]
//                    [--no-build] [--out BENCHMARKS.md | --no-write]
//
// Every number is a median over repetitions, as wall-clock time and as CPU time of the main
// thread of the process doing the work (from /proc; robust when the machine is shared).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { generateManifests } from '../bench/generate.mjs';
import { LspServer, mainThreadCpuMs } from '../bench/lsp.mjs';
import { combinedSchema } from '../bench/ysl-schema.mjs';
import { formatReport, median } from '../bench/report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const sizes = (args.sizes ?? '100,1000,10000').split(',').map(Number);
const edits = Number(args.edits ?? 30);
const yslEdits = Number(args['ysl-edits'] ?? 8);
/** yaml-language-server validates 200 ms after a change, a fixed delay it offers no setting for. */
const YSL_DELAY_MS = 200;
const MAX_FILE_SIZE = 256 * 1024 * 1024;
const started = Date.now();
const loadBefore = loadavg();

if (!args['no-build']) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'cnpg-bench-'));
const core = await bundleCore(work);

const files = sizes.map((n) => {
  const g = generateManifests(n);
  const path = join(work, `manifests-${n}.yaml`);
  writeFileSync(path, g.text);
  return { n, path, uri: pathToFileURL(path).toString(), ...g };
});
const schemaPath = join(work, 'cnpg-combined.schema.json');
writeFileSync(schemaPath, JSON.stringify(combinedSchema(join(root, 'bench', 'schemas'))));

// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles our server.
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const ours = new LspServer('cnpg', [...serverNodeArgs, join(root, 'dist', 'server.js'), '--stdio'], { cwd: root });
await ours.initialize(null, { debounceMs: 0, maxFileSize: MAX_FILE_SIZE });
const yaml = { validate: true, hover: false, completion: false, format: { enable: false }, schemaStore: { enable: false }, schemas: { [pathToFileURL(schemaPath).toString()]: '*.yaml' } };
const ysl = new LspServer('yaml-language-server', [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], {
  cwd: work,
  configuration: { yaml, http: {}, '[yaml]': {}, editor: {}, files: {} },
});
await ysl.initialize(pathToFileURL(work).toString());
await warmUp(work);

const only = args.only; // 'open' or 'edit', for working on one part
const results = [];
for (const f of only === 'edit' ? [] : files) {
  const reps = Number(args.reps ?? (f.n >= 10000 ? 3 : f.n >= 1000 ? 5 : 9));
  log(`\n${f.n} documents, ${(f.text.length / 1024).toFixed(0)} KiB, ${reps} repetitions`);
  const parse = [];
  const lint = [];
  let findings = [];
  for (let r = 0; r < reps; r++) {
    // Interleaved, so that a change of machine load hits both alike.
    parse.push(timeInProcess(() => core.parseAllDocuments(f.text)));
    lint.push(timeInProcess(() => (findings = core.lintSources([{ path: f.path, text: f.text }], { maxFileSize: MAX_FILE_SIZE }))));
  }
  const oursLsp = [];
  const yslLsp = [];
  let yslDiagnostics = [];
  let oursDiagnostics = [];
  for (let r = 0; r < reps; r++) {
    const uri = pathToFileURL(join(work, `open-${f.n}-${r}.yaml`)).toString();
    oursLsp.push(await openAndWait(ours, uri, f.text, 0, (d) => (oursDiagnostics = d)));
    yslLsp.push(await openAndWait(ysl, uri, f.text, YSL_DELAY_MS, (d) => (yslDiagnostics = d)));
  }
  const row = {
    documents: f.n,
    kib: f.text.length / 1024,
    reps,
    parse: summarize(parse),
    lint: summarize(lint),
    oursLsp: summarize(oursLsp),
    yslLsp: summarize(yslLsp),
    findings: findings.length,
    oursDiagnostics: oursDiagnostics.length,
    yslDiagnostics: yslDiagnostics.length,
    planted: f.misspelt,
    oursUnknownField: findings.filter((x) => x.rule === 'unknown-field').length,
    yslNotAllowed: yslDiagnostics.filter((d) => /is not allowed/.test(d.message)).length,
  };
  results.push(row);
  log(`  bare parse ${fmt(row.parse)}  cnpg lint ${fmt(row.lint)}  cnpg LSP ${fmt(row.oursLsp)}  yaml-language-server ${fmt(row.yslLsp)}`);
  log(`  findings: cnpg ${row.findings} (unknown-field ${row.oursUnknownField}), yaml-language-server ${row.yslDiagnostics} (not allowed ${row.yslNotAllowed}), planted misspellings ${row.planted}`);
}

const big = files[files.length - 1];
const noEdits = [{ wall: NaN, cpu: undefined }];
if (only !== 'open') log(`\nEdit latency on ${big.n} documents: ${edits} edits for cnpg, ${yslEdits} for yaml-language-server`);
const editOurs = only === 'open' ? noEdits : await editLatency(ours, big, edits, 0, 'cnpg');
// The same edits on a repository after the migration: few diagnostics, so little to publish.
const migrated = { n: big.n, ...generateManifests(big.n, 42, { migrated: true }) };
const editMigrated = only === 'open' ? noEdits : await editLatency(ours, migrated, edits, 0, 'cnpg-migrated');
const editYsl = only === 'open' || yslEdits === 0 ? noEdits : await editLatency(ysl, big, yslEdits, YSL_DELAY_MS, 'ysl');
await ours.dispose();
await ysl.dispose();

const report = formatReport({
  results,
  edit: { documents: big.n, ours: summarize(editOurs), ysl: summarize(editYsl), publication: editOurs.publication, migrated: summarize(editMigrated), migratedPublication: editMigrated.publication },
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version, loadBefore, loadAfter: loadavg() },
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  date: new Date().toISOString().slice(0, 10),
  seconds: (Date.now() - started) / 1000,
  yslDelayMs: YSL_DELAY_MS,
});
log(`\n${report.table}`);
if (!args['no-write'] && !only) {
  writeFileSync(join(root, args.out ?? 'BENCHMARKS.md'), report.markdown);
  log(`\nWrote ${args.out ?? 'BENCHMARKS.md'}.`);
}
rmSync(work, { recursive: true, force: true });

async function bundleCore(dir) {
  const outfile = join(dir, 'core.cjs');
  await esbuild.build({ entryPoints: [join(root, 'bench', 'core-entry.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return createRequire(import.meta.url)(outfile);
}

/** Opens a small file on both servers; yaml-language-server's must show a schema error, or the setup is wrong. */
async function warmUp(dir) {
  const text = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: warm\nspec:\n  instances: 1\n  storage:\n    size: 1Gi\n  instancez: 2\n';
  const uri = pathToFileURL(join(dir, 'warm-up.yaml')).toString();
  const [a, b] = await Promise.all([ours.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, 60000), ysl.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, 60000), ours.open(uri, text), ysl.open(uri, text)]);
  const yslSees = b.params.diagnostics.some((d) => /instancez/.test(d.message));
  if (!yslSees) throw new Error(`yaml-language-server does not apply the schema: ${JSON.stringify(b.params.diagnostics)}`);
  if (!a.params.diagnostics.some((d) => d.code === 'unknown-field')) throw new Error(`cnpg does not report the unknown field: ${JSON.stringify(a.params.diagnostics)}`);
  await Promise.all([ours.close(uri), ysl.close(uri)]);
}

function timeInProcess(fn) {
  const cpu = mainThreadCpuMs();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  return { wall, cpu: cpu === undefined ? undefined : mainThreadCpuMs() - cpu };
}

/** Time from didOpen until the first publication, minus the server's fixed validation delay. */
async function openAndWait(server, uri, text, delayMs, keep) {
  const waiting = server.nextDiagnostics(uri);
  const cpu = mainThreadCpuMs(server.pid);
  const t = performance.now();
  await server.open(uri, text);
  const { at, params } = await waiting;
  const sample = { wall: at - t - delayMs, cpu: cpu === undefined ? undefined : mainThreadCpuMs(server.pid) - cpu };
  keep(params.diagnostics);
  // Closing a file that is not on disk clears its diagnostics; wait for that so runs don't overlap.
  const cleared = params.diagnostics.length > 0 ? server.nextDiagnostics(uri, (p) => p.diagnostics.length === 0) : undefined;
  await server.close(uri);
  await cleared;
  return sample;
}

/**
 * One-line edits at spread-out places of the big file (a Cluster's instance count, a schedule's
 * hour), each sent as an incremental range change; time until that version's diagnostics arrive.
 */
async function editLatency(server, file, count, delayMs, tag) {
  const uri = pathToFileURL(join(work, `edit-${tag}.yaml`)).toString();
  const lines = file.text.split('\n');
  const targets = [];
  lines.forEach((line, i) => {
    if (/^ {2}instances: \d$/.test(line) || /^ {2}schedule: "0 0 \d \* \* \*"$/.test(line)) targets.push(i);
  });
  const first = server.nextDiagnostics(uri);
  await server.open(uri, file.text, 1);
  const opened = await first;
  const samples = [];
  samples.publication = { diagnostics: opened.params.diagnostics.length, bytes: Buffer.byteLength(JSON.stringify(opened.params)) };
  for (let e = 0; e < count; e++) {
    const line = targets[Math.floor(((e * 7919) % targets.length))];
    const text = lines[line];
    const digitAt = text.search(/\d(?=$|\s\*)/);
    const next = String((Number(text[digitAt]) % 3) + 1);
    lines[line] = text.slice(0, digitAt) + next + text.slice(digitAt + 1);
    const version = e + 2;
    const waiting = server.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version);
    const cpu = mainThreadCpuMs(server.pid);
    const t = performance.now();
    await server.change(uri, version, [{ range: { start: { line, character: digitAt }, end: { line, character: digitAt + 1 } }, text: next }]);
    const { at, received } = await waiting;
    samples.push({ wall: at - t - delayMs, received: received === undefined ? undefined : received - t - delayMs, cpu: cpu === undefined ? undefined : mainThreadCpuMs(server.pid) - cpu });
    // Let a late second publication (none expected) drain before the next edit.
    await new Promise((r) => setTimeout(r, 20));
  }
  await server.close(uri);
  return samples;
}

function summarize(samples) {
  const cpu = samples.map((s) => s.cpu).filter((c) => c !== undefined);
  const received = samples.map((s) => s.received).filter((r) => r !== undefined);
  return { wall: median(samples.map((s) => s.wall)), received: received.length ? median(received) : undefined, cpu: cpu.length ? median(cpu) : undefined, n: samples.length, min: Math.min(...samples.map((s) => s.wall)), max: Math.max(...samples.map((s) => s.wall)) };
}

function fmt(s) {
  return `${s.wall.toFixed(1)} ms (cpu ${s.cpu?.toFixed(1) ?? '?'})`;
}

function log(message) {
  process.stdout.write(`${message}\n`);
}

function parseArgs(list) {
  const out = {};
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    if (i + 1 < list.length && !list[i + 1].startsWith('--')) out[key] = list[++i];
    else out[key] = true;
  }
  return out;
}
