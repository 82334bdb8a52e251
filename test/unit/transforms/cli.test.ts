// `cnpg-tools migrate ...` in-process (main() with captured output) and once as a real process.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { readTree, TRANSFORM_FIXTURES } from './harness';

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

function workspace(family: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnpg-migrate-'));
  cpSync(join(TRANSFORM_FIXTURES, family, name, 'input'), dir, { recursive: true });
  return dir;
}

function expected(family: string, name: string): Map<string, string> {
  return readTree(join(TRANSFORM_FIXTURES, family, name, 'expected'));
}

describe('cli: cnpg-tools migrate', () => {
  const dirs: string[] = [];
  const ws = (family: string, name: string) => {
    const d = workspace(family, name);
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('prints a unified diff and changes nothing without --write', () => {
    const dir = ws('barman-plugin', 'homeassistant-kustomize');
    const before = readTree(dir);
    const r = run(dir, 'migrate', 'barman-plugin', '.');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^--- \/dev\/null\n\+\+\+ b\/apps\/home-automation\/postgresql\/homeassistant-postgresql-objectstore\.yaml$/m);
    assert.match(r.out, /^-    barmanObjectStore:$/m);
    assert.match(r.err, /Dry run: 4 file\(s\) would change/);
    assert.deepEqual(readTree(dir), before);
  });

  it('prints a diff that git apply accepts and that gives the --write result', function () {
    const git = spawnSync('git', ['--version']);
    if (git.status !== 0) this.skip();
    const dir = ws('barman-plugin', 'postgresql-cluster-multidoc');
    const r = run(dir, 'migrate', 'barman-plugin');
    writeFileSync(join(dir, '..', `${dir.split('/').pop()}.diff`), r.out + '\n');
    execFileSync('git', ['apply', '--unsafe-paths', join(dir, '..', `${dir.split('/').pop()}.diff`)], { cwd: dir });
    rmSync(join(dir, '..', `${dir.split('/').pop()}.diff`));
    for (const [f, text] of expected('barman-plugin', 'postgresql-cluster-multidoc')) assert.equal(readFileSync(join(dir, f), 'utf8'), text, f);
  });

  it('writes the changes with --write, then has nothing left to do', () => {
    const dir = ws('barman-plugin', 'shared-bucket');
    const r = run(dir, 'migrate', 'barman-plugin', '--write', 'apps');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote 7 file\(s\)\./);
    for (const [f, text] of expected('barman-plugin', 'shared-bucket')) assert.equal(readFileSync(join(dir, f), 'utf8'), text, f);
    const again = run(dir, 'migrate', 'barman-plugin', '--write', 'apps');
    assert.equal(again.code, 0);
    assert.match(again.out, /Nothing to migrate/);
    assert.deepEqual(readdirTemp(dir), [], 'no temporary files left behind');
  });

  it('passes options through (--cluster, --object-store-name, --placement)', () => {
    const dir = ws('barman-plugin', 'select-one-cluster');
    const r = run(dir, 'migrate', 'barman-plugin', '--cluster', 'alpha', '--object-store-name', 'backup-${cluster}', '--placement', 'new-file', '--write');
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(dir, 'alpha-objectstore.yaml'), 'utf8'), /name: backup-alpha/);
    assert.match(readFileSync(join(dir, 'two.yaml'), 'utf8'), /name: beta\n[\s\S]*barmanObjectStore:/);
  });

  it('refuses with exit 3 and the reason, changing nothing', () => {
    const dir = ws('barman-plugin', 'refuse-kustomize-patch');
    const before = readTree(dir);
    const r = run(dir, 'migrate', 'barman-plugin', '--write');
    assert.equal(r.code, 3);
    assert.match(r.err, /refused, nothing was changed:\n {2}Cluster shop-db: an inline patch in overlays\/prod\/kustomization\.yaml sets barmanObjectStore/);
    assert.deepEqual(readTree(dir), before);
  });

  it('never overwrites an existing file when creating one', () => {
    const dir = ws('barman-plugin', 'homeassistant-kustomize');
    const target = join(dir, 'apps/home-automation/postgresql/homeassistant-postgresql-objectstore.yaml');
    writeFileSync(target, '# mine\n');
    const before = readTree(dir);
    // The file is on disk but not among the files given, so only the write step can notice it.
    const folder = 'apps/home-automation/postgresql';
    const r = run(dir, 'migrate', 'barman-plugin', '--write', `${folder}/cluster.yaml`, `${folder}/kustomization.yaml`);
    assert.equal(r.code, 3);
    assert.match(r.err, /already exists/);
    assert.deepEqual(readTree(dir), before);
  });

  it('switches object stores and reports the rollout', () => {
    const dir = ws('object-store', 'minio-to-garage');
    const r = run(dir, 'migrate', 'object-store', '--endpoint', 'https://s3.garage.internal', '--secret', 'cnpg-minio-access-mealie=cnpg-garage-access-mealie', '--write');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /restart needed .*mealie-16-db/);
    for (const [f, text] of expected('object-store', 'minio-to-garage')) assert.equal(readFileSync(join(dir, f), 'utf8'), text, f);
  });

  it('rejects bad input with exit 2 and a clear message', () => {
    const dir = ws('object-store', 'only-chosen-store');
    const cases: [string[], RegExp][] = [
      [['migrate'], /Usage:/],
      [['migrate', 'elsewhere'], /Unknown migration "elsewhere"/],
      [['migrate', 'barman-plugin', '--placement', 'there'], /--placement takes auto, same-file or new-file/],
      [['migrate', 'barman-plugin', '--cluster', 'ghost'], /No Cluster named "ghost"/],
      [['migrate', 'barman-plugin', '--object-store-name', 'X_${cluster}'], /not a valid Kubernetes name/],
      [['migrate', 'object-store'], /needs --endpoint URL/],
      [['migrate', 'object-store', '--endpoint', 'https://x', '--secret', 'nope'], /--secret takes OLD=NEW/],
      [['migrate', 'object-store', '--endpoint', 'https://x', '--ca-secret', 'Bad_Name'], /--ca-secret takes NAME/],
      [['migrate', 'object-store', '--endpoint', 'https://x', 'missing-dir'], /No such file or directory: missing-dir/],
    ];
    for (const [argv, message] of cases) {
      const r = run(dir, ...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err + r.out, message, argv.join(' '));
    }
  });

  it('runs as a process with the documented exit codes', () => {
    const dir = ws('barman-plugin', 'refuse-half-migrated');
    const cli = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
    const p = spawnSync(process.execPath, ['-r', 'tsx/cjs', cli, 'migrate', 'barman-plugin', dir], { encoding: 'utf8', cwd: join(__dirname, '..', '..', '..') });
    assert.equal(p.status, 3, p.stderr);
    assert.match(p.stderr, /half-done migration/);
    const ok = spawnSync(process.execPath, ['-r', 'tsx/cjs', cli, 'migrate', 'barman-plugin', join(TRANSFORM_FIXTURES, 'barman-plugin', 'crlf', 'input')], { encoding: 'utf8', cwd: join(__dirname, '..', '..', '..') });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /\+\+\+ b\/.*windows\.yaml/);
  });
});

function readdirTemp(dir: string): string[] {
  return [...readTree(dir).keys()].filter((f) => f.includes('.cnpg-tools-'));
}

