// The cluster explorer against the in-process fake API server (test/kube-fake), started here in the
// extension host: a temp kubeconfig with a live context and an unreachable one, set through the
// cnpg.kubeconfig setting. Mutations are confirmed through the test-mode-only auto-confirm hook.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeKubeServer } from '../../kube-fake/server';
import { load, rebased, standardScene } from '../../kube-fake/fixtures';
import type { RowModel } from '../../../src/core/status/tree-types';
import { activateExtension, waitFor } from '../helpers';

interface ExplorerState {
  rows: RowModel[];
  active: string | undefined;
  empty: boolean;
  contexts: string[];
  watching: string[];
}

const explorer = (action?: { expand?: string; reveal?: string }) => vscode.commands.executeCommand<ExplorerState>('cnpg.test.explorer', action);

function find(rows: RowModel[], pred: (r: RowModel) => boolean): RowModel | undefined {
  for (const r of rows) {
    if (pred(r)) return r;
    const f = find(r.children, pred);
    if (f) return f;
  }
  return undefined;
}

async function waitForRow(what: string, pred: (r: RowModel) => boolean): Promise<RowModel> {
  return waitFor(what, async () => find((await explorer()).rows, pred));
}

const clusterRow = (name: string) => (r: RowModel) => r.kind === 'cluster' && r.label === name;

/** Two contexts: `fake` (the fake server) and `offline` (nothing listens on port 9). */
function kubeconfig(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster: {server: '${url}', insecure-skip-tls-verify: true}
- name: offline
  cluster: {server: 'http://127.0.0.1:9', insecure-skip-tls-verify: true}
users:
- name: tester
  user: {}
contexts:
- name: fake
  context: {cluster: fake, user: tester}
- name: offline
  context: {cluster: offline, user: tester}
current-context: fake
`;
}

suite('Cluster explorer', () => {
  let server: FakeKubeServer;
  let dir: string;
  // CNPG_EXPLORER_SCENE=1 leaves the explorer populated for the README screenshot.
  const keepScene = process.env.CNPG_EXPLORER_SCENE === '1';

  suiteSetup(async () => {
    await activateExtension();
    server = await FakeKubeServer.start();
    load(server, rebased(standardScene(), new Date()));
    dir = mkdtempSync(join(tmpdir(), 'cnpg-explorer-'));
    const file = join(dir, 'kubeconfig.yaml');
    writeFileSync(file, kubeconfig(server.url));
    await vscode.commands.executeCommand('workbench.view.extension.cnpgTools');
    await vscode.commands.executeCommand('cnpg.explorer.focus');
    await vscode.workspace.getConfiguration('cnpg').update('kubeconfig', file, vscode.ConfigurationTarget.Global);
    process.env.CNPG_TOOLS_TEST_AUTOCONFIRM = '1';
  });

  suiteTeardown(async () => {
    delete process.env.CNPG_TOOLS_TEST_AUTOCONFIRM;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (keepScene) {
      const failing = await waitForRow('the pg-failing row', clusterRow('pg-failing'));
      await explorer({ reveal: failing.id });
      await explorer({ reveal: 'ctx/offline' });
      await vscode.commands.executeCommand('workbench.action.focusSideBar');
      for (let i = 0; i < 10; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
      return;
    }
    await vscode.workspace.getConfiguration('cnpg').update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('shows the clusters of the active context with their state', async () => {
    // Each kind is listed on its own: wait until the Backups and ObjectStores have arrived too.
    const plugin = await waitForRow('the pg-plugin row with its last backup', (r) => clusterRow('pg-plugin')(r) && / · backup /.test(r.description ?? ''));
    // The operator is detected from its Deployment, in parallel with the lists.
    await waitForRow('the detected operator', (r) => r.kind === 'context' && /operator 1\.30\.0/.test(r.description ?? ''));
    const state = await explorer();
    assert.deepEqual(state.contexts, ['fake', 'offline']);
    assert.equal(state.active, 'fake');
    assert.deepEqual(state.watching, ['fake']);
    const ctx = state.rows.find((r) => r.label === 'fake')!;
    assert.equal(ctx.description, 'active · operator 1.30.0 · barman plugin 0.14.0');
    assert.match(ctx.children[0].label, /^4 clusters: 2 in-tree, 1 mixed, 1 plugin · 1 failing/);
    assert.match(plugin.description!, /^plugin · archiving ok · backup \d+h ago$/);
    assert.equal(plugin.contextValue, 'cnpg.cluster+plugin');
    const failing = find(state.rows, clusterRow('pg-failing'))!;
    assert.equal(failing.icon?.id, 'error');
    assert.equal(failing.contextValue, 'cnpg.cluster+inTree+migratable+attention');
    assert.ok(find(state.rows, (r) => r.kind === 'zalando' && r.label === 'acid-minimal-cluster'));
  });

  test('a watch update appears without a refresh', async () => {
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (o) => {
      const conditions = (o.status as { conditions: { type: string; status: string; message?: string }[] }).conditions;
      const c = conditions.find((x) => x.type === 'ContinuousArchiving')!;
      c.status = 'False';
      c.message = 'unexpected failure invoking barman-cloud-wal-archive: exit status 1';
    });
    const row = await waitForRow('pg-plugin to show failing archiving', (r) => clusterRow('pg-plugin')(r) && /archiving failing/.test(r.description ?? ''));
    assert.equal(row.contextValue, 'cnpg.cluster+plugin+attention');
  });

  test('Back up now creates a plugin Backup and follows it to completed', async () => {
    const row = await waitForRow('the pg-plugin row', clusterRow('pg-plugin'));
    const result = await vscode.commands.executeCommand<{ name: string; followed: Promise<{ phase: string }> }>('cnpg.backup.run', row);
    assert.match(result.name, /^pg-plugin-\d{14}$/);
    const created = server.get('postgresql.cnpg.io/v1', 'Backup', 'db', result.name)!;
    assert.ok(created, 'the Backup exists on the server');
    assert.deepEqual(created.spec, { cluster: { name: 'pg-plugin' }, method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } });
    assert.equal(created.metadata.labels?.['cnpg.io/cluster'], 'pg-plugin');
    server.modify('postgresql.cnpg.io/v1', 'Backup', 'db', result.name, (o) => {
      o.status = { phase: 'completed', method: 'plugin', startedAt: new Date(Date.now() - 60_000).toISOString(), stoppedAt: new Date().toISOString() };
    });
    const done = await result.followed;
    assert.equal(done.phase, 'completed');
  });

  test('Back up now on an in-tree cluster sets barmanObjectStore explicitly', async () => {
    const row = await waitForRow('the pg-intree row', clusterRow('pg-intree'));
    const result = await vscode.commands.executeCommand<{ name: string; followed: Promise<{ phase: string }> }>('cnpg.backup.run', row);
    const created = server.get('postgresql.cnpg.io/v1', 'Backup', 'legacy', result.name)!;
    assert.equal((created.spec as { method: string }).method, 'barmanObjectStore');
    server.modify('postgresql.cnpg.io/v1', 'Backup', 'legacy', result.name, (o) => {
      o.status = { phase: 'failed', error: 'no barman-cloud-backup in the image' };
    });
    assert.equal((await result.followed).phase, 'failed');
  });

  test('restart and reload set the kubectl-cnpg annotations', async () => {
    const row = await waitForRow('the pg-mixed row', clusterRow('pg-mixed'));
    assert.equal(await vscode.commands.executeCommand('cnpg.cluster.restart', row), true);
    assert.equal(await vscode.commands.executeCommand('cnpg.cluster.reload', row), true);
    const annotations = server.get('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-mixed')!.metadata.annotations ?? {};
    assert.match(annotations['kubectl.kubernetes.io/restartedAt'] ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.match(annotations['cnpg.io/reloadedAt'] ?? '', /^\d{4}-\d\d-\d\dT/);
  });

  test('opens the live Cluster read-only as YAML', async () => {
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (o) => {
      (o.metadata as Record<string, unknown>).managedFields = [{ manager: 'cloudnative-pg', operation: 'Update', fieldsType: 'FieldsV1' }];
    });
    const row = await waitForRow('the pg-plugin row', clusterRow('pg-plugin'));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cnpg.cluster.openLive', row);
    const text = editor.document.getText();
    assert.equal(editor.document.uri.scheme, 'cnpg-live');
    assert.equal(editor.document.languageId, 'yaml');
    assert.match(text, /^kind: Cluster$/m);
    assert.match(text, /barman-cloud\.cloudnative-pg\.io/);
    assert.doesNotMatch(text, /^\s*managedFields:/m);
  });

  test('CodeLens offers Back up now and Reveal for a live manifest, and reveal finds the row', async () => {
    const content = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg-plugin\n  namespace: db\nspec:\n  instances: 3\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('the live CodeLenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      const titles = found.map((l) => l.command?.title ?? '');
      return titles.some((t) => t.includes('Back up now')) && titles;
    });
    assert.ok(lenses.includes('Reveal in explorer'), lenses.join(', '));
    assert.equal(await vscode.commands.executeCommand('cnpg.explorer.reveal'), true);
  });

  test('an unreachable second context shows its error node', async () => {
    await explorer({ expand: 'offline' });
    const error = await waitFor('the offline error node', async () => {
      const ctx = (await explorer()).rows.find((r) => r.label === 'offline');
      return ctx?.children.find((c) => c.kind === 'context-error');
    });
    assert.equal(error.contextValue, 'cnpg.context.error+unreachable');
    assert.equal(error.label, 'Cannot reach the API server');
  });
});
