// The barman-plugin migration in the editor, in a real VS Code: the quick fix on
// in-tree-barman-deprecated (every file in one edit, and no backup finding left afterwards), and the
// commands, which show VS Code's refactor preview and write nothing until the user applies it.
// Works on the copy of examples/ the harness opens; the files are restored at the end.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, cnpgDiagnostics, diagnosticCode, sleep, waitFor } from '../helpers';

/** Rules about the backup architecture: none may remain on migrated files. */
const BACKUP_RULES = new Set([
  'in-tree-barman-deprecated', 'in-tree-and-plugin-archiver', 'double-wal-archiving', 'multiple-wal-archivers', 'plugin-not-wal-archiver',
  'barman-plugin-name', 'barman-plugin-parameters', 'object-store-not-found', 'object-store-server-name', 'object-store-credentials',
  'retention-policy-format', 'retention-policy-ignored', 'duplicate-plugin', 'backup-method-mismatch',
]);
const HOME = 'examples/apps/home-automation/postgresql';
const INFRA = 'examples/infrastructure/postgresql-cluster';

interface Outcome {
  applied: boolean;
  edit?: vscode.WorkspaceEdit;
  leftOut: string[];
  result?: { ok: boolean; files?: { uri: string; create: boolean }[]; edit?: { changeAnnotations?: Record<string, { needsConfirmation?: boolean }> } };
}

function file(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The test VS Code has no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

/**
 * Saves every changed document. An edit leaves the files it opened in the background unsaved, and
 * code-server's Save All skips those without an editor; each document saves itself.
 */
async function saveDirty(): Promise<void> {
  const saved = await Promise.all(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.save()));
  assert.ok(saved.every(Boolean), 'a document did not save');
}

const pendingPreviews = async () => (await vscode.commands.executeCommand<{ pendingPreviews: number }>('cnpg.test.migration')).pendingPreviews;
const relative = (uris: vscode.Uri[]) => uris.map((u) => vscode.workspace.asRelativePath(u)).sort();

/** Discard does nothing until the preview has its input: repeat it until the command settles. */
async function discard(settled: () => boolean): Promise<void> {
  for (let i = 0; i < 40 && !settled(); i++) {
    await vscode.commands.executeCommand('refactorPreview.discard');
    await sleep(250);
  }
}

/** Runs a command that ends in the refactor preview; `answer` plays the user once the preview shows. */
async function throughPreview(command: string, arg: unknown, answer: (settled: () => boolean) => Promise<unknown>): Promise<Outcome> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand<Outcome>(command, arg)).finally(() => (settled = true));
  return throughPreviewOf(running, () => settled, answer);
}

async function throughPreviewOf(running: Promise<Outcome>, settled: () => boolean, answer: (settled: () => boolean) => Promise<unknown>): Promise<Outcome> {
  await waitFor('the refactor preview', async () => settled() || (await pendingPreviews()) > 0);
  assert.equal(settled(), false, 'the command finished without waiting on the preview');
  await answer(settled);
  return waitFor('the command to finish', () => settled() && running, 30_000);
}

suite('Migration to the Barman Cloud Plugin', () => {
  const originals = new Map<string, string>();
  const created: vscode.Uri[] = [];

  suiteSetup(async () => {
    await activateExtension();
    for (const dir of [HOME, INFRA]) {
      for (const name of ['cluster.yaml', 'kustomization.yaml', 'scheduledbackup.yaml']) {
        const uri = file(`${dir}/${name}`);
        originals.set(uri.fsPath, readFileSync(uri.fsPath, 'utf8'));
      }
    }
  });

  suiteTeardown(async () => {
    await saveDirty();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [path, text] of originals) writeFileSync(path, text);
    for (const uri of created) rmSync(uri.fsPath, { force: true });
  });

  test('the quick fix migrates the Cluster, with every file in one edit, and leaves no backup finding', async () => {
    const clusterUri = file(`${HOME}/cluster.yaml`);
    const doc = await vscode.workspace.openTextDocument(clusterUri);
    await vscode.window.showTextDocument(doc);
    const [finding] = await waitFor('the in-tree finding', () => {
      const d = cnpgDiagnostics(clusterUri, 'in-tree-barman-deprecated');
      return d.length > 0 && d;
    });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', clusterUri, finding.range);
    const action = actions.find((a) => a.title === 'Migrate to the Barman Cloud Plugin');
    assert.ok(action?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(action.isPreferred, true);
    const storeUri = file(`${HOME}/homeassistant-postgresql-objectstore.yaml`);
    assert.deepEqual(
      relative(action.edit.entries().map(([u]) => u)),
      relative([clusterUri, storeUri, file(`${HOME}/kustomization.yaml`), file(`${HOME}/scheduledbackup.yaml`)]),
    );
    created.push(storeUri);
    assert.equal(await vscode.workspace.applyEdit(action.edit), true);
    await saveDirty();
    assert.match(readFileSync(storeUri.fsPath, 'utf8'), /kind: ObjectStore\nmetadata:\n {2}name: homeassistant-postgresql-store\n/);
    assert.match(readFileSync(clusterUri.fsPath, 'utf8'), /barmanObjectName: homeassistant-postgresql-store\n/);
    const touched = [clusterUri, storeUri, file(`${HOME}/kustomization.yaml`), file(`${HOME}/scheduledbackup.yaml`)];
    const backupFindings = () => touched.flatMap((u) => cnpgDiagnostics(u).filter((d) => BACKUP_RULES.has(diagnosticCode(d) ?? '')).map((d) => `${vscode.workspace.asRelativePath(u)}:${d.range.start.line + 1} ${diagnosticCode(d)}`));
    await waitFor('the backup findings to clear', () => backupFindings().length === 0);
    // The ScheduledBackup keeps its own finding (five cron fields): the server did check it again.
    assert.ok(cnpgDiagnostics(file(`${HOME}/scheduledbackup.yaml`), 'schedule-five-fields').length > 0);
    await sleep(1000);
    assert.deepEqual(backupFindings(), []);
  });

  test('the command previews every file and writes nothing when the preview is discarded', async () => {
    const clusterUri = file(`${INFRA}/cluster.yaml`);
    const before = (await vscode.workspace.openTextDocument(clusterUri)).getText();
    const outcome = await throughPreview('cnpg.migration.toPlugin', { uri: clusterUri, documentIndex: 0 }, async (settled) => {
      // Nothing is written while the preview is open.
      assert.equal((await vscode.workspace.openTextDocument(clusterUri)).getText(), before);
      await discard(settled);
    });
    assert.equal(outcome.applied, false);
    const storeUri = file(`${INFRA}/postgresql-cluster-objectstore.yaml`);
    const expected = relative([clusterUri, storeUri, file(`${INFRA}/kustomization.yaml`), file(`${INFRA}/scheduledbackup.yaml`)]);
    assert.deepEqual(relative(outcome.edit!.entries().map(([u]) => u)), expected);
    assert.deepEqual(relative(outcome.result!.files!.map((f) => vscode.Uri.parse(f.uri))), expected);
    // The Cluster change needs confirmation (so the preview opens, with it unticked); the rest starts ticked.
    const annotations = Object.values(outcome.result!.edit!.changeAnnotations ?? {}) as { label: string; needsConfirmation?: boolean }[];
    assert.deepEqual(annotations.filter((a) => a.needsConfirmation).map((a) => a.label), ['Clusters (a rolling update once deployed)']);
    // VS Code keeps each entry's metadata internally (what makes the preview show); every entry has its label.
    const internal = (outcome.edit as unknown as { _allEntries?: () => { metadata?: vscode.WorkspaceEditEntryMetadata }[] })._allEntries?.();
    if (internal) {
      assert.ok(internal.length >= expected.length);
      assert.ok(internal.every((e) => e.metadata !== undefined));
      assert.ok(internal.some((e) => e.metadata?.needsConfirmation === true));
    }
    assert.equal((await vscode.workspace.openTextDocument(clusterUri)).getText(), before);
    assert.equal(existsSync(storeUri.fsPath), false);
  });

  test('ticking the Cluster in the preview and applying writes every file', async () => {
    const clusterUri = file(`${INFRA}/cluster.yaml`);
    const storeUri = file(`${INFRA}/postgresql-cluster-objectstore.yaml`);
    created.push(storeUri);
    const outcome = await throughPreview('cnpg.migration.toPlugin', { uri: clusterUri, documentIndex: 0 }, async () => {
      // The user's part: the other files start ticked; tick the Cluster (first in the file view),
      // then apply. Until the preview has its input these commands do nothing: try again.
      for (let attempt = 0; attempt < 10 && (await pendingPreviews()) > 0; attempt++) {
        await sleep(500);
        await vscode.commands.executeCommand('refactorPreview.groupByFile');
        await vscode.commands.executeCommand('list.collapseAll');
        await vscode.commands.executeCommand('list.focusFirst');
        await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
        await vscode.commands.executeCommand('refactorPreview.apply');
        await sleep(500);
      }
    });
    assert.equal(outcome.applied, true);
    assert.deepEqual(outcome.leftOut, []);
    await saveDirty();
    assert.match(readFileSync(storeUri.fsPath, 'utf8'), /name: postgresql-cluster-store\n/);
    assert.doesNotMatch(readFileSync(clusterUri.fsPath, 'utf8'), /barmanObjectStore/);
  });

  test('Generate restore test asks for a name and a target, then previews the new Cluster file', async () => {
    const clusterUri = file('examples/apps/mealie/db/pg-cluster-16.yaml');
    const newFile = file('examples/apps/mealie/db/mealie-pg-restore-test.yaml');
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand<Outcome>('cnpg.restoreTest.generate', { uri: clusterUri, documentIndex: 0 })).finally(() => (settled = true));
    // The user's part: Enter on the suggested name, Enter on the empty recovery target.
    await waitFor('the preview after both prompts', async () => {
      if (settled || (await pendingPreviews()) > 0) return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await sleep(200);
      return false;
    });
    const outcome = await throughPreviewOf(running, () => settled, discard);
    assert.equal(outcome.applied, false, JSON.stringify(outcome.result));
    assert.deepEqual(relative(outcome.edit!.entries().map(([u]) => u)), relative([newFile, file('examples/apps/mealie/db/kustomization.yaml')]));
    const [, [insert]] = outcome.edit!.entries().find(([u]) => u.toString() === newFile.toString())!;
    assert.match(insert.newText, /kind: Cluster\nmetadata:\n {2}name: mealie-pg-restore-test\n/);
    assert.doesNotMatch(insert.newText, /recoveryTarget/);
    assert.equal(existsSync(newFile.fsPath), false);
  });

  test('CodeLenses offer the migration and the restore test once their commands exist', async () => {
    const uri = file(`${HOME}/cluster.yaml`);
    writeFileSync(uri.fsPath, originals.get(uri.fsPath)!);
    await waitFor('the reverted cluster text', async () => (await vscode.workspace.openTextDocument(uri)).getText() === originals.get(uri.fsPath));
    const lenses = await waitFor('the CodeLenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found.some((l) => l.command?.command === 'cnpg.migration.toPlugin') && found;
    });
    const migrate = lenses.find((l) => l.command?.command === 'cnpg.migration.toPlugin')!;
    assert.equal(migrate.command!.title, 'Migrate to the Barman Cloud Plugin');
    assert.ok(lenses.some((l) => l.command?.command === 'cnpg.restoreTest.generate'));
  });
});
