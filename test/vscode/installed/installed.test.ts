// The .vsix works on its own: installed, activated from the extensions folder, bundles present,
// language server publishing diagnostics.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, cnpgDiagnostics, EXTENSION_ID, fixture, waitFor } from '../helpers';

suite('Installed .vsix', () => {
  test('cnpg-tools loads from the extensions folder, not from the source tree', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const path = ext.extensionPath;
    assert.match(path, new RegExp(`${sep}extensions${sep}cnpg-tools\\.cnpg-tools-\\d+\\.\\d+\\.\\d+$`));
    assert.ok(!existsSync(join(path, 'src')), 'the package must not contain sources');
    assert.ok(!existsSync(join(path, 'node_modules')), 'everything is bundled: no node_modules');
    for (const f of ['dist/extension.js', 'dist/kube.js', 'dist/server.js', 'dist/cli.js', 'snippets/cnpg.json', 'syntaxes/cnpg-sql.injection.json', 'media/icon.png']) {
      assert.ok(existsSync(join(path, f)), `${f} is missing from the package`);
    }
    assert.deepEqual(readdirSync(join(path, 'dist')).filter((f) => f.endsWith('.map')), [], 'no source maps in the package');
  });

  test('activates and its language server flags in-tree barmanObjectStore', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('in-tree-cluster.yaml'));
    await vscode.window.showTextDocument(doc);
    const ext = await activateExtension();
    assert.equal(ext.isActive, true);
    const [d] = await waitFor('the in-tree diagnostic', () => {
      const found = cnpgDiagnostics(doc.uri, 'in-tree-barman-deprecated');
      return found.length > 0 && found;
    });
    assert.equal(doc.getText(d.range), 'barmanObjectStore');
  });

  test('the activity-bar container and the cnpg.explorer view are available', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.cnpgTools');
    await vscode.commands.executeCommand('cnpg.explorer.focus');
  });
});
