// The language server's findings reach VS Code's diagnostics, and suppression comments work live.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, cnpgDiagnostics, fixture, waitFor } from '../helpers';

const RULE = 'in-tree-barman-deprecated';

suite('Diagnostics', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('flags in-tree barmanObjectStore on its key', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('in-tree-cluster.yaml'));
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor(`a ${RULE} diagnostic`, () => {
      const found = cnpgDiagnostics(doc.uri, RULE);
      return found.length > 0 && found;
    });
    assert.equal(d.source, 'cnpg');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), 'barmanObjectStore');
    assert.equal(d.range.start.line, 11); // zero-based: line 12 of the file
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, RULE);
    assert.match(code.target.toString(), new RegExp(`/docs/rules/${RULE}\\.md$`));
    assert.match(d.message, /barman-cloud\.cloudnative-pg\.io/);
  });

  test('a plugin-based Cluster gets no CNPG warning or error', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('plugin-cluster.yaml'));
    await vscode.window.showTextDocument(doc);
    // Wait for the server to have checked the file: an edit that adds a finding must show up, and
    // removing it again must leave the file clean.
    const editor = vscode.window.activeTextEditor!;
    const line = doc.lineAt(doc.lineCount - 1);
    await editor.edit((e) => e.insert(line.range.end, '\n---\napiVersion: postgresql.cnpg.io/v1\nkind: Backup\nmetadata:\n  name: probe\n  namespace: vscode-test\nspec:\n  method: barmanObjectStore\n  cluster:\n    name: orders-db\n'));
    await waitFor('the probe finding', () => cnpgDiagnostics(doc.uri).length > 0);
    await vscode.commands.executeCommand('undo');
    await waitFor('the probe finding to clear after undo', () => !cnpgDiagnostics(doc.uri).some((d) => d.range.start.line >= line.lineNumber));
    const serious = cnpgDiagnostics(doc.uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Information && d.severity !== vscode.DiagnosticSeverity.Hint);
    assert.deepEqual(serious.map((d) => `${d.range.start.line}: ${d.message}`), []);
  });

  test('a cnpg-lint-disable-next-line comment removes the finding after an edit', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('in-tree-cluster.yaml'));
    const editor = await vscode.window.showTextDocument(doc);
    const [d] = await waitFor(`a ${RULE} diagnostic`, () => {
      const found = cnpgDiagnostics(doc.uri, RULE);
      return found.length > 0 && found;
    });
    const line = doc.lineAt(d.range.start.line);
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    await editor.edit((e) => e.insert(line.range.start, `${indent}# cnpg-lint-disable-next-line ${RULE}\n`));
    await waitFor('the diagnostic to disappear', () => cnpgDiagnostics(doc.uri, RULE).length === 0);
    // Undo brings the finding back: the comment alone removed it.
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostic to return after undo', () => cnpgDiagnostics(doc.uri, RULE).length === 1);
  });
});
