// The contributed snippets insert through VS Code's own snippet engine.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor } from '../helpers';
import { expandSnippet } from '../snippetText';

interface Snippet {
  prefix: string;
  body: string[];
}

suite('Snippets', () => {
  let snippets: Record<string, Snippet>;

  suiteSetup(async () => {
    const ext = await activateExtension();
    snippets = JSON.parse(readFileSync(join(ext.extensionPath, 'snippets', 'cnpg.json'), 'utf8'));
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const prefix of ['cnpg-cluster', 'cnpg-scheduledbackup', 'cnpg-recovery-cluster']) {
    test(`${prefix} inserts by name with its defaults`, async () => {
      const [name, snippet] = Object.entries(snippets).find(([, s]) => s.prefix === prefix)!;
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      // insertSnippet by name only finds snippets VS Code loaded from the extension's contribution.
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name });
      const text = await waitFor('the snippet text', () => editor.document.getText() || undefined);
      assert.equal(text, expandSnippet(snippet.body));
      assert.ok(vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.snippets.length > 0);
    });
  }

  test('the inserted Cluster is a plugin Cluster', async () => {
    const name = Object.entries(snippets).find(([, s]) => s.prefix === 'cnpg-cluster')![0];
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name });
    const text = await waitFor('the snippet text', () => editor.document.getText() || undefined);
    assert.match(text, /- name: barman-cloud\.cloudnative-pg\.io\n\s+isWALArchiver: true\n\s+parameters:\n\s+barmanObjectName: backup-store/);
    assert.doesNotMatch(text, /barmanObjectStore/);
  });
});
