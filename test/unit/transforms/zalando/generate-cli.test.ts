// `cnpg-tools generate ...` in-process (main() with captured output) and once as a real process.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/cli/main';
import { readTree, TRANSFORM_FIXTURES } from '../harness';
import { REPO_ROOT } from './cases';

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(cwd: string, ...argv: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = main(argv, (s) => out.push(s) > 0, (s) => err.push(s) > 0);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.chdir(before);
  }
}

const expected = (family: string, name: string) => readTree(join(TRANSFORM_FIXTURES, family, name, 'expected'));

describe('cli: cnpg-tools generate', () => {
  const dirs: string[] = [];
  const copy = (from: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'cnpg-generate-'));
    cpSync(from, dir, { recursive: true });
    dirs.push(dir);
    return dir;
  };
  const mastodon = () => copy(join(REPO_ROOT, 'examples', 'apps', 'mastodon'));
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('prints a unified diff, the summary and the NOTEs, and changes nothing without --write', () => {
    const dir = mastodon();
    const before = readTree(dir);
    const r = run(dir, 'generate', 'import', 'database/zalando-postgresql.yaml');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^--- \/dev\/null\n\+\+\+ b\/database\/mastodon-postgresql-cnpg-import\.yaml$/m);
    assert.match(r.out, /^\+  - mastodon-postgresql-cnpg-import\.yaml$/m);
    assert.match(r.err, /^note: The Secret postgres\.mastodon-postgresql\.credentials\.postgresql\.acid\.zalan\.do must exist/m);
    assert.match(r.err, /Dry run: 2 file\(s\) would change/);
    assert.deepEqual(readTree(dir), before);
  });

  it('prints a diff that git apply turns into the --write result', function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    const dir = mastodon();
    const r = run(dir, 'generate', 'replica', 'database/zalando-postgresql.yaml');
    const patch = `${dir}.diff`;
    writeFileSync(patch, r.out + '\n');
    execFileSync('git', ['apply', '--unsafe-paths', patch], { cwd: dir });
    rmSync(patch);
    for (const [f, text] of expected('zalando', 'mastodon-replica')) assert.equal(readFileSync(join(dir, f), 'utf8'), text, f);
  });

  it('writes with --write, and never overwrites what it wrote (exit 3 the second time)', () => {
    const dir = mastodon();
    const r = run(dir, 'generate', 'import', '--write', 'database/zalando-postgresql.yaml');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote 2 file\(s\)\./);
    assert.match(r.out, /^note: /m);
    for (const [f, text] of expected('zalando', 'mastodon-import')) assert.equal(readFileSync(join(dir, f), 'utf8'), text, f);
    const written = readTree(dir);
    const again = run(dir, 'generate', 'import', '--write', 'database/zalando-postgresql.yaml');
    assert.equal(again.code, 3);
    assert.match(again.err, /refused, nothing was changed/);
    assert.deepEqual(readTree(dir), written);
    assert.deepEqual(readdirSync(join(dir, 'database')).filter((n) => n.includes('.tmp')), [], 'no temporary files left behind');
  });

  it('promotes in place, then has nothing left to do', () => {
    const dir = mastodon();
    const r = run(dir, 'generate', 'promote', '--write', 'database-replica/database-replica.yaml');
    assert.equal(r.code, 0, r.err);
    for (const [f, text] of expected('zalando', 'mastodon-promote')) assert.equal(readFileSync(join(dir, f), 'utf8'), text, f);
    const again = run(dir, 'generate', 'promote', 'database-replica/database-replica.yaml');
    assert.equal(again.code, 0);
    assert.equal(again.out, '');
    assert.match(again.err, /already promoted/);
  });

  it('generates a restore test with a recovery target', () => {
    const dir = copy(join(REPO_ROOT, 'examples', 'apps', 'mealie', 'db'));
    const r = run(dir, 'generate', 'restore-test', '--target-lsn', '0/3000060', 'pg-cluster-16.yaml');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^\+ {8}targetLSN: 0\/3000060$/m);
    assert.match(r.out, /^\+ {10}serverName: mealie-pg$/m);
  });

  it('exits 2 with a clear message on bad input', () => {
    const dir = mastodon();
    const cases: [string[], RegExp][] = [
      [['generate', 'import', 'missing.yaml'], /No such file: missing\.yaml/],
      [['generate', 'import', 'database'], /is not a file/],
      [['generate', 'import', 'database-replica/database-replica.yaml'], /holds no Zalando postgresql manifest/],
      [['generate', 'restore-test', 'database/zalando-postgresql.yaml'], /holds no CloudNativePG Cluster/],
      [['generate', 'import', '--name', 'nope', 'database/zalando-postgresql.yaml'], /no Zalando postgresql manifest \(acid\.zalan\.do\/v1\) named "nope" \(it has mastodon\/mastodon-postgresql\)/],
      [['generate', 'import', '--target-time', '2026-07-01T00:00:00Z', 'database/zalando-postgresql.yaml'], /--target-time does not apply to generate import/],
      [['generate', 'restore-test', '--target-lsn', 'x', 'database/database-cnpg.yaml'], /is not a WAL position/],
      [['generate', 'import', '--cluster-name', 'Bad', 'database/zalando-postgresql.yaml'], /not a valid Cluster name/],
      [['generate', 'import', 'a.yaml', 'b.yaml'], /takes one FILE, not 2/],
      [['generate', 'export', 'a.yaml'], /Unknown generator "export"/],
      [['generate', 'import', '--bogus', 'a.yaml'], /bogus/],
      [['generate'], /Usage:/],
    ];
    for (const [argv, message] of cases) {
      const r = run(dir, ...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err + r.out, message, argv.join(' '));
    }
  });

  it('asks for --name when FILE holds several, and takes NAME or NAMESPACE/NAME', () => {
    const dir = copy(join(TRANSFORM_FIXTURES, 'zalando', 'promote-flow-multidoc', 'input'));
    const several = run(dir, 'generate', 'promote', 'clusters.yaml');
    assert.equal(several.code, 2);
    assert.match(several.err, /holds 2 of them \(other, shop-cnpg\): choose one with --name/);
    assert.equal(run(dir, 'generate', 'promote', '--name', 'shop-cnpg', 'clusters.yaml').code, 0);
    assert.equal(run(dir, 'generate', 'promote', '--name', 'any/shop-cnpg', 'clusters.yaml').code, 0);
  });

  it('exits 3 when it refuses to guess, and writes nothing', () => {
    const dir = copy(join(TRANSFORM_FIXTURES, 'zalando', 'refuse-contradicting-flags', 'input'));
    const before = readTree(dir);
    const r = run(dir, 'generate', 'import', '--write', 'z.yaml');
    assert.equal(r.code, 3);
    assert.match(r.err, /user "app" has both login and nologin/);
    assert.deepEqual(readTree(dir), before);
  });

  it('runs as a process with the documented exit codes', () => {
    const cli = join(REPO_ROOT, 'src', 'cli', 'main.ts');
    const exec = (...args: string[]) => spawnSync(process.execPath, ['-r', 'tsx/cjs', cli, 'generate', ...args], { encoding: 'utf8', cwd: REPO_ROOT });
    const ok = exec('replica', join(REPO_ROOT, 'examples', 'apps', 'mastodon', 'database', 'zalando-postgresql.yaml'));
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^\+ {4}enabled: true$/m);
    assert.equal(exec('import', 'no-such-file.yaml').status, 2);
    assert.equal(exec('import', join(TRANSFORM_FIXTURES, 'zalando', 'refuse-no-databases', 'input', 'z.yaml')).status, 3);
  });
});
