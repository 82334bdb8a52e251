import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const IN_TREE = `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 1
  storage: {size: 1Gi}
  backup:
    barmanObjectStore:
      destinationPath: s3://bucket/pg
      s3Credentials:
        inheritFromIAMRole: true
`;

describe('language server over stdio', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspTestClient;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cnpg-lsp-'));
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for files on disk at start, with source, code and docs link', async () => {
    mkdirSync(join(dir, 'db'));
    writeFileSync(join(dir, 'db', 'cluster.yaml'), IN_TREE);
    await client.initialize(dir);
    const uri = pathToFileURL(join(dir, 'db', 'cluster.yaml')).toString();
    const diags = await client.waitFor(uri, (d) => d.length > 0);
    const d = diags.find((x) => x.code === 'in-tree-barman-deprecated');
    assert.ok(d, 'in-tree-barman-deprecated is published');
    assert.equal(d.source, 'cnpg');
    assert.deepEqual(d.range.start, { line: 8, character: 4 });
    assert.match(d.codeDescription!.href, /docs\/rules\/in-tree-barman-deprecated\.md$/);
  });

  it('follows open, edit and close of a document, with versions', async () => {
    await client.initialize(dir);
    const uri = pathToFileURL(join(dir, 'new.yaml')).toString();
    await client.open(uri, IN_TREE, 1);
    await client.waitFor(uri, (d) => d.some((x) => x.code === 'in-tree-barman-deprecated'));
    // Replace the in-tree block by a plugin: the warning must go away.
    const fixed = IN_TREE.replace(/  backup:[\s\S]*$/, '  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      isWALArchiver: true\n      parameters: {barmanObjectName: pg-store}\n');
    await client.change(uri, 2, [{ text: fixed }]);
    await client.waitFor(uri, (d) => !d.some((x) => x.code === 'in-tree-barman-deprecated'));
    assert.equal(client.diagnostics.get(uri)!.version, 2);
    // An incremental edit that breaks the YAML yields one yaml-syntax error.
    await client.change(uri, 3, [{ range: { start: { line: 5, character: 13 }, end: { line: 5, character: 13 } }, text: ': [' }]);
    const broken = await client.waitFor(uri, (d) => d.some((x) => x.code === 'yaml-syntax'));
    assert.equal(broken.filter((x) => x.code === 'yaml-syntax').length >= 1, true);
    // Closing an untouched-on-disk file (it never existed) clears its diagnostics.
    await client.close(uri);
    await client.waitFor(uri, (d) => d.length === 0);
  });

  it('honours suppression comments and rule severity settings', async () => {
    await client.initialize(dir, { rules: { 'in-tree-barman-deprecated': 'error' } });
    const uri = pathToFileURL(join(dir, 'a.yaml')).toString();
    await client.open(uri, IN_TREE);
    const diags = await client.waitFor(uri, (d) => d.length > 0);
    assert.equal(diags.find((x) => x.code === 'in-tree-barman-deprecated')!.severity, 1);
    const suppressed = IN_TREE.replace('    barmanObjectStore:', '    # cnpg-lint-disable-next-line in-tree-barman-deprecated\n    barmanObjectStore:');
    await client.change(uri, 2, [{ text: suppressed }]);
    await client.waitFor(uri, (d) => !d.some((x) => x.code === 'in-tree-barman-deprecated'));
    await client.connection.sendNotification('cnpg/settings', { rules: { 'in-tree-barman-deprecated': 'off' }, debounceMs: 0 });
    await client.change(uri, 3, [{ text: IN_TREE }]);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!client.diagnostics.get(uri)!.diagnostics.some((x) => x.code === 'in-tree-barman-deprecated'));
  });

  it('reports a file over the size limit once and skips it', async () => {
    await client.initialize(dir, { maxFileSize: 2048 });
    const uri = pathToFileURL(join(dir, 'big.yaml')).toString();
    await client.open(uri, IN_TREE + '#'.repeat(4096) + '\n');
    const diags = await client.waitFor(uri, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => d.code), ['file-too-large']);
  });
});
