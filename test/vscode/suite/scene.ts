// The final state of the workbench after the suite: the CloudNativePG container in the side bar, a
// manifest with a CNPG squiggle, its hover and embedded SQL, and the Problems panel listing it.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { cnpgDiagnostics, fixture, sleep, waitFor } from '../helpers';

/** Printed when the scene is ready; scripts/run-vscode-tests.mjs watches the console for it. */
export const SCENE_READY = 'cnpg-vscode-test: scene ready';

export async function arrangeScene(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.view.extension.cnpgTools');
  const doc = await vscode.workspace.openTextDocument(fixture('in-tree-cluster.yaml'));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const [diag] = await waitFor('the in-tree diagnostic', () => {
    const d = cnpgDiagnostics(doc.uri, 'in-tree-barman-deprecated');
    return d.length > 0 && d;
  });
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  editor.selection = new vscode.Selection(diag.range.start, diag.range.start);
  // Start a few lines above the finding, so its hover fits above it and the SQL below stays in view.
  const top = Math.max(0, diag.range.start.line - 6);
  await vscode.commands.executeCommand('revealLine', { lineNumber: top, at: 'top' });
  await sleep(500);
  await vscode.commands.executeCommand('editor.action.showHover');
}

/**
 * Tells the harness the scene is ready and waits until it has looked (it creates the file named by
 * CNPG_VSCODE_TEST_SCENE_DONE). Under @vscode/test-electron the variable is unset: nothing to wait for.
 */
export async function handOverScene(): Promise<void> {
  const done = process.env.CNPG_VSCODE_TEST_SCENE_DONE;
  if (!done) return;
  console.log(SCENE_READY);
  const deadline = Date.now() + 60_000;
  while (!existsSync(done) && Date.now() < deadline) await sleep(100);
}
