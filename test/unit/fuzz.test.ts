// Fuzz: the rule fixtures and examples/, mutated (byte flips, line deletions and duplications,
// indentation, `: [`, anchors and aliases, tabs, huge scalars, unicode, document markers, CRLF,
// truncation), through lintSources, the incremental parser and the language server's LintSession.
//
//   CNPG_FUZZ_ITERATIONS=20000 npx mocha test/unit/fuzz.test.ts   (npm run fuzz; default 300)
//   CNPG_FUZZ_SEED=<n> reproduces a run; CNPG_FUZZ_ONLY=<i> replays one iteration of it.
//
// What must hold, for every file of every input (D = the documents parseYamlFile finds):
//   - nothing throws out of lintSources, parseYamlFile or LintSession;
//   - a file over maxFileSize has exactly one finding: `file-too-large` (info) at 0:0, and is not analysed;
//   - a Helm template has no findings;
//   - otherwise the `yaml-syntax` findings are exactly one per document of D that has errors, with
//     that document's first error's range (severity error), and every other finding starts in a
//     document of D without errors (a broken document is not a resource: no rule sees it);
//   - every range is well formed: start <= end, on a line of the file, within that line;
//   - no rule crashes ("could not check this document");
//   - re-parsing with the previous parse reused gives the same documents as parsing afresh, and a
//     LintSession fed the edits one by one ends with the findings a fresh lint gives.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintSources, type SourceFile } from '../../src/core/lint';
import { parseYamlFile, type ParsedFile } from '../../src/core/yaml/parse';
import { compareRanges, type Range } from '../../src/core/yaml/positions';
import type { Finding, LintOptions } from '../../src/core/rules/types';
import { LintSession } from '../../src/server/session';
import { readSettings } from '../../src/server/settings';
import { pathToUri } from '../../src/server/uris';
import { prng, type Random } from './random';

const ITERATIONS = Number(process.env.CNPG_FUZZ_ITERATIONS ?? 300);
const SEED = Number(process.env.CNPG_FUZZ_SEED ?? 20251121);
const ONLY = process.env.CNPG_FUZZ_ONLY === undefined ? undefined : Number(process.env.CNPG_FUZZ_ONLY);
/** Every SESSION_EVERY-th iteration also goes through LintSession (slower: it lints after every edit). */
const SESSION_EVERY = 5;
const ROOT = join(__dirname, '..', '..');
const OPTIONS: LintOptions = { maxFileSize: 1024 * 1024 };



const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, list: readonly T[]): T => list[int(r, list.length)];

/** A fixture (one file, or a folder of files for cross-file rules) or an example folder. */
function corpus(): SourceFile[][] {
  const sets: SourceFile[][] = [];
  const yamlFiles = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
      });
  const rules = join(ROOT, 'test', 'fixtures', 'rules');
  for (const rule of readdirSync(rules).sort()) {
    for (const entry of readdirSync(join(rules, rule)).sort()) {
      const p = join(rules, rule, entry);
      const files = statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(entry) ? [p] : [];
      if (files.length) sets.push(files.map((f) => ({ path: f, text: readFileSync(f, 'utf8') })));
    }
  }
  const examples = join(ROOT, 'examples');
  for (const p of yamlFiles(examples)) sets.push([{ path: p, text: readFileSync(p, 'utf8') }]);
  return sets;
}

const SPECIALS = [':', '-', ' ', '\t', '{', '}', '[', ']', ',', '"', "'", '&', '*', '!', '|', '>', '#', '%', '@', '`', '?', '\n', '\r', '\\', '$', '{{'];
const UNICODE = ['\u0000', '\ufeff', '\u2028', '\u200b', '\u202e', '\u0301', 'é', 'ß', '日本', '😀', '\ud800', '\udfff', '\u{10ffff}', '\u0085', '\u00a0'];
const MARKERS = ['---', '...', '--- |', '---#x', '--- !!map', '--- &a', '%YAML 1.2', '--- {}'];
const BOMB = ['lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((c, i) => `l${c}: &${c} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');

interface Mutator {
  name: string;
  apply(text: string, r: Random): string;
}

const lineStarts = (text: string) => {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
};
const atLine = (text: string, r: Random) => pick(r, lineStarts(text));
const insert = (text: string, at: number, s: string) => text.slice(0, at) + s + text.slice(at);
/** A random `key: value` line: [start of the value, end of the line]. */
function valueSpan(text: string, r: Random): [number, number] | undefined {
  const spans: [number, number][] = [];
  const re = /^[ -]*[\w.-]+: (?=\S)(.*)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push([m.index + m[0].length - m[1].length, m.index + m[0].length]);
  return spans.length ? pick(r, spans) : undefined;
}

const MUTATORS: Mutator[] = [
  { name: 'flip', apply: (t, r) => (t.length ? ((i) => t.slice(0, i) + pick(r, r() < 0.7 ? SPECIALS : UNICODE) + t.slice(i + 1))(int(r, t.length)) : t) },
  { name: 'insert-char', apply: (t, r) => insert(t, int(r, t.length + 1), pick(r, r() < 0.6 ? SPECIALS : UNICODE)) },
  { name: 'delete-line', apply: (t, r) => ((lines) => (lines.splice(int(r, lines.length), 1), lines.join('\n')))(t.split('\n')) },
  { name: 'duplicate-line', apply: (t, r) => ((lines, i) => (lines.splice(i, 0, lines[i]), lines.join('\n')))(t.split('\n'), int(r, t.split('\n').length)) },
  { name: 'swap-lines', apply: (t, r) => ((l, i, j) => (([l[i], l[j]] = [l[j], l[i]]), l.join('\n')))(t.split('\n'), int(r, t.split('\n').length), int(r, t.split('\n').length)) },
  {
    name: 'indent',
    apply: (t, r) => {
      const at = atLine(t, r);
      if (r() < 0.5) return insert(t, at, ' '.repeat(1 + int(r, 3)));
      const n = /^ */.exec(t.slice(at))![0].length;
      return t.slice(0, at) + t.slice(at + Math.min(n, 1 + int(r, 3)));
    },
  },
  { name: 'flow-open', apply: (t, r) => insert(t, r() < 0.5 ? int(r, t.length + 1) : Math.max(0, t.indexOf('\n', atLine(t, r))), ': [') },
  {
    name: 'anchor-alias',
    apply: (t, r) => {
      const a = valueSpan(t, r);
      if (!a) return t;
      let out = insert(t, a[0], '&a ');
      const b = valueSpan(out, r);
      if (b) out = out.slice(0, b[0]) + (r() < 0.5 ? '*a' : '*missing') + out.slice(b[1]);
      return out;
    },
  },
  { name: 'alias-bomb', apply: (t, r) => insert(t, atLine(t, r), `${BOMB}\n`) },
  { name: 'tab', apply: (t, r) => ((at) => t.slice(0, at) + '\t' + t.slice(at).replace(/^ +/, ''))(atLine(t, r)) },
  {
    name: 'huge-scalar',
    apply: (t, r) => {
      const span = valueSpan(t, r);
      const big = pick(r, ['x', 'ab ', 'é', '\\"'] as const).repeat(20000 + int(r, 80000));
      const value = r() < 0.5 ? big : `"${big}"`;
      return span ? t.slice(0, span[0]) + value + t.slice(span[1]) : `${t}\nhuge: ${value}\n`;
    },
  },
  { name: 'unicode', apply: (t, r) => insert(t, int(r, t.length + 1), Array.from({ length: 1 + int(r, 4) }, () => pick(r, UNICODE)).join('')) },
  { name: 'marker', apply: (t, r) => insert(t, atLine(t, r), `${pick(r, MARKERS)}\n`) },
  { name: 'crlf', apply: (t) => t.replace(/\r?\n/g, '\r\n') },
  { name: 'truncate', apply: (t, r) => t.slice(0, int(r, t.length + 1)) },
  { name: 'deep-nesting', apply: (t, r) => insert(t, atLine(t, r), `deep: ${'['.repeat(500 + int(r, 3000))}\n`) },
  { name: 'helm', apply: (t, r) => insert(t, int(r, t.length + 1), '{{ .Values.x }}') },
];

interface Case {
  files: SourceFile[];
  target: number;
  original: string;
  /** The target's text after each mutation. */
  steps: string[];
  mutations: string[];
}

function makeCase(sets: SourceFile[][], r: Random): Case {
  const files = pick(r, sets);
  const target = int(r, files.length);
  let text = files[target].text;
  const steps: string[] = [];
  const mutations: string[] = [];
  const count = 1 + int(r, 4);
  for (let i = 0; i < count; i++) {
    // The Helm mutator makes a file uninteresting (it is skipped): rarely.
    const m = pick(r, MUTATORS);
    if (m.name === 'helm' && r() < 0.8) continue;
    text = m.apply(text, r);
    steps.push(text);
    mutations.push(m.name);
  }
  if (steps.length === 0) steps.push(text);
  return { files: files.map((f, i) => (i === target ? { path: f.path, text } : f)), target, original: files[target].text, steps, mutations };
}

function checkRange(range: Range, lines: string[], what: string): void {
  assert.ok(compareRanges({ start: range.start, end: range.start }, { start: range.end, end: range.end }) <= 0, `${what}: start after end ${JSON.stringify(range)}`);
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length, `${what}: character ${p.character} outside line ${p.line} (length ${lines[p.line].length})`);
  }
}

/** The invariants of the header, for one file's findings. */
function checkFile(file: SourceFile, findings: Finding[], options: LintOptions): void {
  const lines = file.text.split('\n');
  for (const f of findings) {
    checkRange(f.range, lines, `${f.rule} "${f.message.slice(0, 80)}"`);
    assert.doesNotMatch(f.message, /could not check this document/, `rule ${f.rule} crashed: ${f.message}`);
  }
  if (Buffer.byteLength(file.text, 'utf8') > (options.maxFileSize ?? Infinity)) {
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.range.start, f.range.end]), [['file-too-large', 'info', { line: 0, character: 0 }, { line: 0, character: 0 }]]);
    return;
  }
  const parsed = parseYamlFile(file.text);
  if (parsed.isTemplate) {
    assert.deepEqual(findings, [], 'a Helm template is not analysed');
    return;
  }
  const expected = parsed.documents
    .filter((d) => d.errors.length > 0)
    .map((d) => [...d.errors].sort((a, b) => compareRanges(a.range, b.range))[0].range)
    .sort(compareRanges);
  const syntax = findings.filter((f) => f.rule === 'yaml-syntax');
  assert.deepEqual(syntax.map((f) => f.range).sort(compareRanges), expected, 'one yaml-syntax finding per broken document, at its first error');
  assert.ok(syntax.every((f) => f.severity === 'error'));
  const clean = parsed.documents.filter((d) => d.errors.length === 0).map((d) => [d.fileLine, d.fileLine + d.text.split('\n').length - 1]);
  for (const f of findings) {
    if (f.rule === 'yaml-syntax') continue;
    const line = f.range.start.line;
    assert.ok(clean.some(([from, to]) => line >= from && line <= to), `${f.rule} at line ${line} is not in a document without syntax errors`);
  }
}

function checkLint(files: SourceFile[], options: LintOptions): Finding[] {
  const findings = lintSources(files, options);
  const paths = new Set(files.map((f) => f.path));
  for (const f of findings) assert.ok(paths.has(f.file), `finding for an unknown file ${f.file}`);
  for (const file of files) checkFile(file, findings.filter((f) => f.file === file.path), options);
  return findings;
}

function documentsOf(p: ParsedFile) {
  return p.documents.map((d) => ({ index: d.index, offset: d.fileOffset, line: d.fileLine, text: d.text, errors: d.errors, value: d.value }));
}

/** Feeds the edits to a LintSession one by one; its final findings must be those of a fresh lint. */
function checkSession(c: Case): void {
  const logged: string[] = [];
  const published: { uri: string; count: number; version?: number }[] = [];
  const session = new LintSession(readSettings({ debounceMs: 0, maxFileSize: OPTIONS.maxFileSize }), (uri, d, version) => published.push({ uri, count: d.length, version }), (m) => logged.push(m));
  try {
    const target = c.files[c.target];
    const uri = pathToUri(target.path);
    session.addFiles(c.files.filter((_, i) => i !== c.target));
    session.openDocument(uri, c.original, 1);
    session.flush();
    c.steps.forEach((text, i) => {
      session.changeDocument(uri, text, i + 2);
      session.flush();
    });
    assert.deepEqual(logged, []);
    assert.equal(published.filter((p) => p.uri === uri).pop()?.version, c.steps.length + 1, 'the last version is published');
    const key = (f: Finding) => JSON.stringify([f.rule, f.severity, f.range, f.message]);
    const fresh = lintSources(c.files, { ...OPTIONS, schemaValidation: true })
      .filter((f) => f.file === target.path)
      .map(key)
      .sort();
    assert.deepEqual(session.findingsFor(uri).map(key).sort(), fresh, 'incremental findings equal a fresh lint');
  } finally {
    session.dispose();
  }
}

/**
 * Mocha sets Error.stackTraceLimit to Infinity; the server and the CLI run with Node's 10. With no
 * limit, every error the yaml parser makes in a deeply nested document captures thousands of frames.
 */
function nodeDefaultStackTraceLimit(): void {
  let saved = Error.stackTraceLimit;
  before(() => {
    saved = Error.stackTraceLimit;
    Error.stackTraceLimit = 10;
  });
  after(() => {
    Error.stackTraceLimit = saved;
  });
}

describe('fuzz: mutated fixtures and examples', function () {
  this.timeout(Math.max(120000, ITERATIONS * 200));
  nodeDefaultStackTraceLimit();
  const sets = corpus();

  it(`holds the invariants over ${ONLY === undefined ? ITERATIONS : 1} mutated input(s) (seed ${SEED})`, () => {
    assert.ok(sets.length > 50, 'the corpus is read');
    const mutationsSeen = new Set<string>();
    for (let i = ONLY ?? 0; i < (ONLY === undefined ? ITERATIONS : ONLY + 1); i++) {
      const r = prng(SEED ^ Math.imul(i + 1, 0x9e3779b1));
      const c = makeCase(sets, r);
      if (process.env.CNPG_FUZZ_VERBOSE) process.stderr.write(`${i} ${relative(ROOT, c.files[c.target].path)} ${c.mutations.join(',')}\n`);
      c.mutations.forEach((m) => mutationsSeen.add(m));
      try {
        checkLint(c.files, OPTIONS);
        if (process.env.CNPG_FUZZ_VERBOSE) process.stderr.write('  linted\n');
        // The incremental parser: each step re-parsed with the previous parse reused.
        let previous = parseYamlFile(c.original);
        for (const text of c.steps) {
          if (process.env.CNPG_FUZZ_VERBOSE) process.stderr.write(`  reparse ${text.length}\n`);
          const reused = parseYamlFile(text, previous);
          assert.deepEqual(documentsOf(reused), documentsOf(parseYamlFile(text)), 'incremental parse equals a fresh parse');
          previous = reused;
        }
        if (i % SESSION_EVERY === 0) checkSession(c);
      } catch (err) {
        const where = relative(ROOT, c.files[c.target].path);
        // CNPG_FUZZ_DUMP=<file> writes the failing input there, whole.
        if (process.env.CNPG_FUZZ_DUMP) writeFileSync(process.env.CNPG_FUZZ_DUMP, c.files[c.target].text);
        const sample = JSON.stringify(c.files[c.target].text.slice(0, 600));
        throw new Error(
          `fuzz iteration ${i} failed (reproduce: CNPG_FUZZ_SEED=${SEED} CNPG_FUZZ_ONLY=${i} npx mocha test/unit/fuzz.test.ts)\n` +
            `input ${where} after ${c.mutations.join(', ')}; text starts ${sample}\n${err instanceof Error ? err.stack : String(err)}`,
        );
      }
    }
    if (ONLY === undefined && ITERATIONS >= 300) assert.ok(mutationsSeen.size >= MUTATORS.length - 1, `mutators used: ${[...mutationsSeen].join(', ')}`);
  });
});

describe('fuzz: hostile inputs', () => {
  nodeDefaultStackTraceLimit();
  const cluster = (spec: string) => `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\n  namespace: db\nspec:\n  instances: 1\n  storage:\n    size: 1Gi\n${spec}`;

  it('stops an alias bomb (billion laughs) with one yaml-syntax error and expands nothing', () => {
    const before = process.memoryUsage().heapUsed;
    const file = { path: '/ws/bomb.yaml', text: `${BOMB}\n` };
    const findings = checkLint([file], OPTIONS);
    assert.deepEqual(findings.map((f) => f.rule), ['yaml-syntax']);
    assert.match(findings[0].message, /alias/i);
    const parsed = parseYamlFile(file.text);
    assert.equal(parsed.documents.length, 1);
    assert.equal(parsed.documents[0].value, undefined, 'the document is not turned into a value');
    // 9^9 strings if expanded; what stays reachable is the source and its node tree.
    assert.ok(process.memoryUsage().heapUsed - before < 64 * 1024 * 1024, 'no expansion in memory');
    assert.ok(JSON.stringify(findings).length < 2000);
  });

  it('stops an alias bomb inside a Cluster: the document is not checked by any rule, its neighbours are', () => {
    const bombSpec = `  postgresql:\n    parameters:\n${BOMB.split('\n').map((l) => `      ${l}`).join('\n')}\n`;
    const neighbour = cluster('  backup:\n    barmanObjectStore:\n      destinationPath: s3://b/pg\n      s3Credentials: {inheritFromIAMRole: true}\n').replace('name: pg', 'name: other');
    const file = { path: '/ws/c.yaml', text: `${cluster(bombSpec)}---\n${neighbour}` };
    const findings = checkLint([file], OPTIONS);
    assert.equal(findings.filter((f) => f.rule === 'yaml-syntax').length, 1);
    assert.ok(findings.some((f) => f.rule === 'in-tree-barman-deprecated'), 'the second document is still checked');
    assert.ok(findings.filter((f) => f.rule !== 'yaml-syntax').every((f) => f.range.start.line >= cluster(bombSpec).split('\n').length - 1));
  });

  it('reads ordinary anchors and aliases and merge keys as values', () => {
    const text = cluster('  postgresql:\n    parameters: &params\n      max_connections: "200"\n  bootstrap:\n    initdb:\n      database: app\n      postInitSQL: &sql ["select 1"]\n      postInitApplicationSQL: *sql\n');
    const findings = checkLint([{ path: '/ws/a.yaml', text }], OPTIONS);
    assert.ok(!findings.some((f) => f.rule === 'yaml-syntax'), JSON.stringify(findings.map((f) => f.message)));
    assert.deepEqual((parseYamlFile(text).documents[0].value as { spec: { bootstrap: { initdb: { postInitApplicationSQL: string[] } } } }).spec.bootstrap.initdb.postInitApplicationSQL, ['select 1']);
  });

  it('expands merge keys as kubectl, Kustomize and Flux do, and checks the merged fields', () => {
    const text = [
      'apiVersion: postgresql.cnpg.io/v1',
      'kind: Cluster',
      'metadata:',
      '  name: pg',
      'spec:',
      '  instances: 1',
      '  storage: &storage',
      '    size: 1Gi',
      '  walStorage:',
      '    <<: *storage',
      '    sizee: 2Gi',
      '',
    ].join('\n');
    const value = parseYamlFile(text).documents[0].value as { spec: { walStorage: Record<string, unknown> } };
    assert.deepEqual(value.spec.walStorage, { size: '1Gi', sizee: '2Gi' });
    const findings = checkLint([{ path: '/ws/a.yaml', text }], OPTIONS);
    assert.deepEqual(findings.filter((f) => f.rule === 'unknown-field').map((f) => f.range.start.line), [10], JSON.stringify(findings));
    assert.ok(!findings.some((f) => f.rule === 'yaml-syntax'));
  });

  it('reports nesting deeper than the limit as one yaml-syntax error at the document start, the same every time', () => {
    const deep = [`a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, `${'- '.repeat(8000)}1\n`, `a: ${'{a: '.repeat(20000)}1${'}'.repeat(20000)}\n`];
    for (const text of deep) {
      const findings = checkLint([{ path: '/ws/deep.yaml', text }], OPTIONS);
      assert.deepEqual(findings.map((f) => [f.rule, f.message, f.range.start]), [['yaml-syntax', 'YAML syntax error: This document nests deeper than 256 levels; it is not read', { line: 0, character: 0 }]]);
    }
  });

  it('gives a file over maxFileSize one info diagnostic and skips it, in lintSources and in the server session', () => {
    const text = cluster('  backup:\n    barmanObjectStore:\n      destinationPath: s3://b/pg\n') + `# ${'x'.repeat(4096)}\n`;
    const options = { maxFileSize: 2048 };
    const findings = checkLint([{ path: '/ws/big.yaml', text }], options);
    assert.equal(findings[0].message.includes('cnpg.lint.maxFileSize'), true);
    const small = checkLint([{ path: '/ws/big.yaml', text: text.slice(0, 400) }], options);
    assert.ok(!small.some((f) => f.rule === 'file-too-large'), 'a file under the limit is checked');
    const published: string[][] = [];
    const session = new LintSession(readSettings({ debounceMs: 0, maxFileSize: 2048 }), (_u, d) => published.push(d.map((x) => String(x.code))), () => {});
    session.openDocument('untitled:big', text, 1);
    session.flush();
    assert.deepEqual(published.pop(), ['file-too-large']);
    session.changeDocument('untitled:big', text.slice(0, 400), 2);
    session.flush();
    assert.ok(!published.pop()!.includes('file-too-large'));
    session.dispose();
  });

  it('keeps every range within the text for CRLF, BOM, tabs, NUL and astral characters', () => {
    const base = cluster('  backup:\n    barmanObjectStore:\n      destinationPath: s3://b/😀/pg\n      s3Credentials: {inheritFromIAMRole: true}\n  unknownField: 1\n');
    const variants = [base.replace(/\n/g, '\r\n'), `\ufeff${base}`, base.replace('  instances', '\tinstances'), base.replace('name: pg', 'name: "p\u0000g"'), base.replace('db', 'd\u2028b')];
    for (const text of variants) checkLint([{ path: '/ws/v.yaml', text }], OPTIONS);
  });
});
