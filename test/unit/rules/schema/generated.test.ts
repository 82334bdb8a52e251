// The committed schemas are what scripts/gen-schemas.mjs makes from the CRDs, and descriptions resolve.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fieldDescription } from '../../../../src/core/schema/describe';

const REPO = join(__dirname, '..', '..', '..', '..');
const CRDS = process.env.CNPG_CRDS_DIR ?? join(REPO, '..', 'shared', 'crds');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('generated schemas are up to date', function () {
  it('regenerating from the CRDs gives the committed files', function () {
    // The CRDs live outside the repository; builds and CI without them rely on the committed output.
    this.timeout(60000);
    if (!existsSync(CRDS)) this.skip();
    const out = mkdtempSync(join(tmpdir(), 'cnpg-schemas-'));
    try {
      execFileSync(process.execPath, [join(REPO, 'scripts', 'gen-schemas.mjs'), '--out', out], { env: { ...process.env, CNPG_CRDS_DIR: CRDS }, stdio: 'pipe' });
      for (const sub of [join('src', 'core', 'schema', 'generated'), join('bench', 'schemas')]) {
        const fresh = filesUnder(join(out, sub)).map((f) => relative(out, f)).sort();
        const committed = filesUnder(join(REPO, sub)).map((f) => relative(REPO, f)).filter((f) => f.endsWith('.json') || f.endsWith('index.ts')).sort();
        assert.deepEqual(fresh, committed);
        for (const f of fresh) assert.equal(readFileSync(join(out, f), 'utf8'), readFileSync(join(REPO, f), 'utf8'), `${f} is stale: run node scripts/gen-schemas.mjs`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('fieldDescription', () => {
  it('finds descriptions through properties, list items and shared subtrees', () => {
    assert.match(fieldDescription('postgresql.cnpg.io', 'v1', 'Cluster', ['spec', 'instances']) ?? '', /instances/i);
    assert.match(fieldDescription('postgresql.cnpg.io', 'v1', 'Cluster', ['spec', 'plugins', 0, 'isWALArchiver']) ?? '', /WAL/);
    assert.match(fieldDescription('barmancloud.cnpg.io', 'v1', 'ObjectStore', ['spec', 'configuration', 'destinationPath']) ?? '', /path/i);
    assert.ok(fieldDescription('postgresql.cnpg.io', 'v1', 'Pooler', ['spec', 'template', 'spec', 'containers', 0, 'image']));
  });

  it('returns undefined for unknown paths and kinds', () => {
    assert.equal(fieldDescription('postgresql.cnpg.io', 'v1', 'Cluster', ['spec', 'constructor']), undefined);
    assert.equal(fieldDescription('acid.zalan.do', 'v1', 'postgresql', ['spec']), undefined);
  });
});
