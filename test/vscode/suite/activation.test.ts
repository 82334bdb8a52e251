// The extension activates from the source tree and contributes its view container and view.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, fixture } from '../helpers';

suite('Activation', () => {
  test('activates on a YAML file and starts the language server', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('plugin-cluster.yaml'));
    assert.equal(doc.languageId, 'yaml');
    await vscode.window.showTextDocument(doc);
    const ext = await activateExtension();
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal(ext.isActive, true);
  });

  test('contributes the CloudNativePG activity-bar container with the cnpg.explorer view', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributes = ext.packageJSON.contributes;
    assert.ok(contributes.viewsContainers.activitybar.some((c: { id: string }) => c.id === 'cnpgTools'));
    assert.ok(contributes.views.cnpgTools.some((v: { id: string }) => v.id === 'cnpg.explorer'));
    // Both commands exist only when the workbench knows the container and the view; an unknown
    // id rejects with "command ... not found".
    await vscode.commands.executeCommand('workbench.view.extension.cnpgTools');
    await vscode.commands.executeCommand('cnpg.explorer.focus');
  });
});
