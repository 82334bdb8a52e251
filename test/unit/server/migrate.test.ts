// The editor's migrations over the real language server (stdio JSON-RPC): `cnpg/migrate` returns a
// WorkspaceEdit whose every change needs confirmation (VS Code previews it), and the quick fix on
// in-tree-barman-deprecated migrates the Cluster with every file it touches.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../../../src/core/transforms/text/edits';
import type { MigrateParams, MigrateResult, ObjectStoreInfo } from '../../../src/server/migrateProtocol';
import { LspTestClient } from './lsp-client';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const HOME = 'apps/home-automation/postgresql';

describe('language server: migrations (cnpg/migrate, quick fix)', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspTestClient;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).toString();
  const migrate = (params: MigrateParams) => client.connection.sendRequest<MigrateResult>('cnpg/migrate', params);

  async function start(options: Record<string, unknown> = {}): Promise<void> {
    await client.initialize(dir, options);
    // Diagnostics of a file on disk mean the workspace has been read.
    await client.waitFor(uri(`${HOME}/cluster.yaml`), (d) => d.some((x) => x.code === 'in-tree-barman-deprecated'));
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cnpg-migrate-'));
    cpSync(EXAMPLES, dir, { recursive: true });
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates the Cluster at the cursor: every file in one edit, the Cluster change needing confirmation', async () => {
    await start();
    const result = await migrate({ kind: 'barman-plugin', target: { uri: uri(`${HOME}/cluster.yaml`), position: { line: 20, character: 4 } } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.title, 'Migrate Cluster home-automation/homeassistant-postgresql to the Barman Cloud Plugin');
    const newFile = uri(`${HOME}/homeassistant-postgresql-objectstore.yaml`);
    assert.deepEqual(
      result.files.map((f) => [f.uri, f.create]).sort(),
      [
        [uri(`${HOME}/cluster.yaml`), false],
        [newFile, true],
        [uri(`${HOME}/kustomization.yaml`), false],
        [uri(`${HOME}/scheduledbackup.yaml`), false],
      ].sort(),
    );
    assertAllAnnotated(result.edit);
    // Only the Cluster starts unticked in the preview (a rolling update once deployed); the rest is shown ticked.
    assert.deepEqual(groupsByFile(result.edit), {
      'cluster.yaml': 'Clusters (a rolling update once deployed), tick',
      'homeassistant-postgresql-objectstore.yaml': 'New files',
      'kustomization.yaml': 'kustomization.yaml files',
      'scheduledbackup.yaml': 'Backups and ScheduledBackups',
    });
    assert.ok(Object.values(result.edit.changeAnnotations!).every((a) => a.description === result.title));
    const creates = result.edit.documentChanges!.filter((c): c is CreateFile => 'kind' in c && c.kind === 'create');
    assert.deepEqual(creates.map((c) => [c.uri, c.options]), [[newFile, { overwrite: false, ignoreIfExists: false }]]);
    const after = applyEdit(result.edit);
    assert.match(after.get(newFile)!, /^apiVersion: barmancloud\.cnpg\.io\/v1\nkind: ObjectStore\nmetadata:\n {2}name: homeassistant-postgresql-store\n/);
    assert.match(after.get(newFile)!, /\n {2}retentionPolicy: 30d\n$/);
    const cluster = after.get(uri(`${HOME}/cluster.yaml`))!;
    assert.doesNotMatch(cluster, /barmanObjectStore|retentionPolicy/);
    assert.match(cluster, /plugins:\n {4}- name: barman-cloud\.cloudnative-pg\.io\n {6}isWALArchiver: true\n {6}parameters:\n {8}barmanObjectName: homeassistant-postgresql-store\n/);
    assert.match(after.get(uri(`${HOME}/kustomization.yaml`))!, /- cluster\.yaml\n {2}- homeassistant-postgresql-objectstore\.yaml\n {2}- scheduledbackup\.yaml\n/);
    assert.match(after.get(uri(`${HOME}/scheduledbackup.yaml`))!, /method: plugin\n {2}pluginConfiguration:\n {4}name: barman-cloud\.cloudnative-pg\.io\n$/);
    assert.ok(result.notes.some((n) => /Apply in this order/.test(n)));
  });

  it('finds the Cluster by document index and through a ScheduledBackup that targets it', async () => {
    await start();
    const byIndex = await migrate({ kind: 'barman-plugin', target: { uri: uri(`${HOME}/cluster.yaml`), documentIndex: 0 } });
    const byBackup = await migrate({ kind: 'barman-plugin', target: { uri: uri(`${HOME}/scheduledbackup.yaml`), position: { line: 0, character: 0 } } });
    assert.ok(byIndex.ok && byBackup.ok);
    assert.equal(byBackup.title, byIndex.title);
    assert.deepEqual(byBackup.edit, byIndex.edit);
  });

  it('sees unsaved editor text, not only the files on disk', async () => {
    await start();
    const clusterUri = uri(`${HOME}/cluster.yaml`);
    const text = readFileSync(join(dir, HOME, 'cluster.yaml'), 'utf8').replace('name: homeassistant-postgresql\n', 'name: ha-db\n');
    await client.open(clusterUri, text);
    const result = await migrate({ kind: 'barman-plugin', target: { uri: clusterUri, position: { line: 4, character: 2 } } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.title, 'Migrate Cluster home-automation/ha-db to the Barman Cloud Plugin');
    assert.ok(result.files.some((f) => f.uri === uri(`${HOME}/ha-db-objectstore.yaml`) && f.create));
    // The ScheduledBackup targets the old name: it is no longer this cluster's backup.
    assert.ok(!result.files.some((f) => f.uri === uri(`${HOME}/scheduledbackup.yaml`)));
  });

  it('follows the cnpg.migration settings, and a request may override them', async () => {
    await start({ objectStoreName: '${cluster}-s3', objectStorePlacement: 'same-file' });
    const target = { uri: uri(`${HOME}/cluster.yaml`), documentIndex: 0 };
    const fromSettings = await migrate({ kind: 'barman-plugin', target });
    assert.ok(fromSettings.ok);
    assert.ok(!fromSettings.files.some((f) => f.create));
    assert.match(applyEdit(fromSettings.edit).get(target.uri)!, /\n---\napiVersion: barmancloud\.cnpg\.io\/v1\nkind: ObjectStore\nmetadata:\n {2}name: homeassistant-postgresql-s3\n/);
    const overridden = await migrate({ kind: 'barman-plugin', target, objectStoreName: 'ha-store', objectStorePlacement: 'new-file' });
    assert.ok(overridden.ok);
    assert.ok(overridden.files.some((f) => f.create && f.uri === uri(`${HOME}/homeassistant-postgresql-objectstore.yaml`)));
    assert.match(applyEdit(overridden.edit).get(target.uri)!, /barmanObjectName: ha-store\n/);
  });

  it('migrates every in-tree Cluster of the workspace when no target is given', async () => {
    await start();
    const result = await migrate({ kind: 'barman-plugin' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.title, 'Migrate all Clusters to the Barman Cloud Plugin');
    const clusters = result.summary.filter((s) => /^Cluster .*-> ObjectStore/.test(s));
    assert.ok(clusters.length >= 2, result.summary.join('\n'));
    assert.ok(result.files.some((f) => f.uri === uri(`${HOME}/cluster.yaml`)));
    assert.ok(result.files.some((f) => f.uri.includes('/infrastructure/postgresql-cluster/')));
    assertAllAnnotated(result.edit);
  });

  it('returns a refusal in editor words, and an input error when no Cluster is at the cursor', async () => {
    writeFileSync(join(dir, HOME, 'homeassistant-postgresql-objectstore.yaml'), '# taken\n');
    await start();
    const refused = await migrate({ kind: 'barman-plugin', target: { uri: uri(`${HOME}/cluster.yaml`), documentIndex: 0 } });
    assert.ok(!refused.ok);
    assert.equal(refused.kind, 'refused');
    assert.match(refused.message, /homeassistant-postgresql-objectstore\.yaml already exists; set cnpg\.migration\.objectStorePlacement to same-file/);
    assert.doesNotMatch(refused.message, /--placement/);
    const wrong = await migrate({ kind: 'barman-plugin', target: { uri: uri(`${HOME}/kustomization.yaml`), position: { line: 0, character: 0 } } });
    assert.ok(!wrong.ok);
    assert.equal(wrong.kind, 'input');
    assert.equal(wrong.message, 'No CloudNativePG Cluster here: open its manifest and put the cursor in it.');
  });

  it('offers the migration as the preferred quick fix on the Cluster and on a backup method', async () => {
    const backup = `${HOME}/manual-backup.yaml`;
    writeFileSync(join(dir, backup), 'apiVersion: postgresql.cnpg.io/v1\nkind: Backup\nmetadata:\n  name: before-upgrade\nspec:\n  method: barmanObjectStore\n  cluster:\n    name: homeassistant-postgresql\n');
    await start();
    const clusterUri = uri(`${HOME}/cluster.yaml`);
    const [finding] = (await client.waitFor(clusterUri, (d) => d.some((x) => x.code === 'in-tree-barman-deprecated'))).filter((x) => x.code === 'in-tree-barman-deprecated');
    const actions = await codeActions(clusterUri, finding);
    const migrateAction = actions.find((a) => a.title === 'Migrate to the Barman Cloud Plugin');
    assert.ok(migrateAction, actions.map((a) => a.title).join(', '));
    assert.equal(migrateAction.isPreferred, true);
    assert.equal(migrateAction.disabled, undefined);
    // A quick fix applies at once (Ctrl+Enter previews it): no confirmation annotations.
    assert.equal(migrateAction.edit!.changeAnnotations, undefined);
    const files = migrateAction.edit!.documentChanges!.filter((c): c is TextDocumentEdit => 'textDocument' in c).map((c) => c.textDocument.uri);
    assert.deepEqual(files.sort(), [clusterUri, uri(`${HOME}/homeassistant-postgresql-objectstore.yaml`), uri(`${HOME}/kustomization.yaml`), uri(backup), uri(`${HOME}/scheduledbackup.yaml`)].sort());

    const backupUri = uri(backup);
    const [method] = (await client.waitFor(backupUri, (d) => d.some((x) => x.code === 'in-tree-barman-deprecated'))).filter((x) => x.code === 'in-tree-barman-deprecated');
    const onBackup = (await codeActions(backupUri, method)).find((a) => /Barman Cloud Plugin/.test(a.title));
    assert.equal(onBackup?.title, 'Migrate Cluster homeassistant-postgresql to the Barman Cloud Plugin');
    assert.deepEqual(onBackup.edit, migrateAction.edit);
  });

  it('shows a refused quick fix disabled, with the reason', async () => {
    writeFileSync(join(dir, HOME, 'homeassistant-postgresql-objectstore.yaml'), '# taken\n');
    await start();
    const clusterUri = uri(`${HOME}/cluster.yaml`);
    const [finding] = (await client.waitFor(clusterUri, (d) => d.some((x) => x.code === 'in-tree-barman-deprecated'))).filter((x) => x.code === 'in-tree-barman-deprecated');
    const action = (await codeActions(clusterUri, finding)).find((a) => a.title === 'Migrate to the Barman Cloud Plugin');
    assert.ok(action?.disabled, JSON.stringify(action));
    assert.equal(action.edit, undefined);
    assert.match(action.disabled.reason, /^Cluster home-automation\/homeassistant-postgresql: .*already exists; set cnpg\.migration\.objectStorePlacement to same-file/);
  });

  it('creates no file beside an untitled document, but edits it in place', async () => {
    await start();
    const untitled = 'untitled:Untitled-1';
    await client.open(untitled, 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: scratch\nspec:\n  instances: 1\n  storage: {size: 1Gi}\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://bucket/scratch\n      s3Credentials: {inheritFromIAMRole: true}\n');
    const [finding] = (await client.waitFor(untitled, (d) => d.some((x) => x.code === 'in-tree-barman-deprecated'))).filter((x) => x.code === 'in-tree-barman-deprecated');
    // No kustomization beside it: the ObjectStore goes after the Cluster, in the same document.
    const action = (await codeActions(untitled, finding)).find((a) => a.title === 'Migrate to the Barman Cloud Plugin');
    assert.equal(action?.disabled, undefined, JSON.stringify(action));
    assert.deepEqual(action!.edit!.documentChanges!.map((c) => ('kind' in c ? c.kind : c.textDocument.uri)), [untitled]);
    const refused = await migrate({ kind: 'barman-plugin', target: { uri: untitled, documentIndex: 0 }, objectStorePlacement: 'new-file' });
    assert.ok(!refused.ok, JSON.stringify(refused));
    assert.equal(refused.kind, 'input');
    assert.match(refused.message, /^scratch-objectstore\.yaml would not be a file in the workspace: save the manifest/);
  });

  it('switches ObjectStores and says which clusters need a restart', async () => {
    await start();
    const stores = await client.connection.sendRequest<ObjectStoreInfo[]>('cnpg/objectStores');
    const mealie = stores.find((s) => s.name === 'mealie-backup-store');
    assert.deepEqual(mealie, { name: 'mealie-backup-store', namespace: mealie?.namespace, uri: uri('apps/mealie/db/objectstore-backup.yaml'), endpointURL: 'http://minio.storage.svc.cluster.local:9000', destinationPath: 's3://cloudnative-pg/' });
    const result = await migrate({
      kind: 'object-store',
      endpointURL: 'https://garage.storage.svc:3900',
      endpointCA: { name: 'garage-ca' },
      secrets: { 'cnpg-minio-access-mealie': 'cnpg-garage-access-mealie' },
      stores: ['mealie-backup-store'],
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.files, [{ uri: uri('apps/mealie/db/objectstore-backup.yaml'), create: false }]);
    assertAllAnnotated(result.edit);
    assert.deepEqual(groupsByFile(result.edit), { 'objectstore-backup.yaml': 'ObjectStores (where the backups go), tick' });
    const report = result.stores?.find((s) => s.store === 'mealie-backup-store');
    assert.equal(report?.needsRollout, true);
    assert.deepEqual(report.changed.sort(), ['credentials', 'endpointCA', 'endpointURL']);
    assert.ok(report.clusters.some((c) => c.name === 'mealie-pg'), JSON.stringify(report.clusters));
    const text = applyEdit(result.edit).get(uri('apps/mealie/db/objectstore-backup.yaml'))!;
    assert.match(text, /endpointURL: https:\/\/garage\.storage\.svc:3900\n {4}endpointCA:\n {6}name: garage-ca\n {6}key: ca\.crt\n/);
    assert.doesNotMatch(text, /cnpg-minio-access-mealie/);
  });

  it('generates a restore test and a Zalando import Cluster as new files', async () => {
    await start();
    const restore = await migrate({ kind: 'restore-test', target: { uri: uri('apps/mealie/db/pg-cluster-16.yaml'), documentIndex: 0 } });
    assert.ok(restore.ok, JSON.stringify(restore));
    assert.deepEqual(restore.files.filter((f) => f.create).map((f) => f.uri), [uri('apps/mealie/db/mealie-pg-restore-test.yaml')]);
    assertAllAnnotated(restore.edit);
    assert.deepEqual(groupsByFile(restore.edit), { 'mealie-pg-restore-test.yaml': 'New Clusters (a new database once deployed), tick', 'kustomization.yaml': 'kustomization.yaml files' });
    const zalando = await migrate({ kind: 'zalando-import', target: { uri: uri('apps/mastodon/database/zalando-postgresql.yaml'), position: { line: 5, character: 0 } }, clusterName: 'mastodon-imported' });
    assert.ok(zalando.ok, JSON.stringify(zalando));
    const created = zalando.files.find((f) => f.create);
    assert.equal(created?.uri, uri('apps/mastodon/database/mastodon-postgresql-cnpg-import.yaml'));
    assert.match(applyEdit(zalando.edit).get(created.uri)!, /kind: Cluster\nmetadata:\n {2}name: mastodon-imported\n/);
    const notZalando = await migrate({ kind: 'zalando-replica', target: { uri: uri(`${HOME}/cluster.yaml`), documentIndex: 0 } });
    assert.ok(!notZalando.ok);
    assert.equal(notZalando.kind, 'input');
  });

  async function codeActions(docUri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
  }

  /** The texts after the edit, by URI (new files start empty). */
  function applyEdit(edit: WorkspaceEdit): Map<string, string> {
    const texts = new Map<string, string>();
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind === 'create') texts.set(change.uri, '');
        continue;
      }
      const u = change.textDocument.uri;
      const before = texts.get(u) ?? readFileSync(new URL(u), 'utf8');
      texts.set(u, applyTextEdits(before, change.edits));
    }
    return texts;
  }
});

/** Every create and every text edit refers to a change annotation, and some change needs confirmation (the preview opens). */
function assertAllAnnotated(edit: WorkspaceEdit): void {
  const annotations = edit.changeAnnotations ?? {};
  assert.ok(Object.values(annotations).some((a) => a.needsConfirmation === true));
  for (const a of Object.values(annotations)) assert.ok(a.label.length > 0 && a.description!.length > 0 && typeof a.needsConfirmation === 'boolean');
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) assert.ok(change.annotationId! in annotations, JSON.stringify(change));
    else for (const e of change.edits) assert.ok((e as { annotationId: string }).annotationId in annotations);
  }
}

/** Per file name: its preview group's label, and "tick" when its changes need confirmation. */
function groupsByFile(edit: WorkspaceEdit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const change of edit.documentChanges ?? []) {
    const uri = 'kind' in change ? (change as CreateFile).uri : change.textDocument.uri;
    const id = 'kind' in change ? change.annotationId : (change.edits[0] as { annotationId?: string }).annotationId;
    const a = edit.changeAnnotations![id!];
    out[uri.replace(/^.*\//, '')] = `${a.label}${a.needsConfirmation ? ', tick' : ''}`;
  }
  return out;
}
