// Runs one migration for a command: asks the language server (it holds the whole workspace) for the
// edit, lets VS Code preview every file before anything is written, and checks afterwards that the
// user applied all of it. Summary and notes go to the CloudNativePG output channel.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { TextEdit as LspTextEdit, WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../../core/transforms/text/edits';
import { MIGRATE_REQUEST, OBJECT_STORES_REQUEST, type MigrateParams, type MigrateResult, type ObjectStoreInfo } from '../../server/migrateProtocol';

export interface MigrationDeps {
  client: LanguageClient;
  /** Settles once the language server runs. */
  ready: Promise<void>;
  output: vscode.OutputChannel;
}

export interface MigrationOutcome {
  /** The user applied the preview (possibly only part of it: see `leftOut`). */
  applied: boolean;
  result?: MigrateResult;
  /** The edit handed to VS Code, every entry annotated with needsConfirmation. */
  edit?: vscode.WorkspaceEdit;
  /** Files whose change the user unticked in the preview. */
  leftOut: string[];
}

let previewsOpen = 0;

/** For the integration tests: how many migration previews wait on the user right now. */
export function pendingPreviews(): number {
  return previewsOpen;
}

export async function requestObjectStores(deps: MigrationDeps): Promise<ObjectStoreInfo[]> {
  await deps.ready;
  return deps.client.sendRequest<ObjectStoreInfo[]>(OBJECT_STORES_REQUEST);
}

export async function runMigration(deps: MigrationDeps, params: MigrateParams): Promise<MigrationOutcome> {
  await deps.ready;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'CloudNativePG: computing the changes' }, () =>
    deps.client.sendRequest<MigrateResult>(MIGRATE_REQUEST, params),
  );
  const log = (line: string) => deps.output.appendLine(`[migration] ${line}`);
  if (!result.ok) {
    log(`${result.kind === 'refused' ? 'Refused, nothing was changed' : 'Not started'}:`);
    for (const line of result.message.split('\n')) log(`  ${line}`);
    const text = result.kind === 'refused' ? `Refused, nothing was changed. ${result.message.split('\n').join(' ')}` : result.message;
    void vscode.window.showErrorMessage(text);
    return { applied: false, result, leftOut: [] };
  }
  log(`${result.title}:`);
  for (const s of result.summary) log(`  ${s}`);
  for (const n of result.notes) log(`  note: ${n}`);
  if (result.files.length === 0) {
    void vscode.window.showInformationMessage([...result.summary, ...result.notes].join(' '));
    return { applied: false, result, leftOut: [] };
  }
  const edit = await deps.client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  const expected = await expectedTexts(result.edit);
  let applied: boolean;
  previewsOpen++;
  try {
    // Every entry needs confirmation: VS Code opens the refactor preview and writes nothing until
    // the user ticks the files and applies.
    applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  } finally {
    previewsOpen--;
  }
  if (!applied) {
    log('Preview discarded: nothing was changed.');
    return { applied: false, result, edit, leftOut: [] };
  }
  const leftOut = await notAsExpected(expected);
  const files = result.files.length;
  if (leftOut.length > 0) {
    const names = leftOut.map((u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u))).join(', ');
    log(`Applied in part; left out: ${names}.`);
    void vscode.window.showWarningMessage(
      `Only part of "${result.title}" was applied; left out: ${names}. The files refer to each other: apply the rest (run the command again) or undo.`,
    );
  } else {
    const show = 'Show Notes';
    void vscode.window.showInformationMessage(`${result.title}: ${files} file${files === 1 ? '' : 's'} changed (not saved yet). Notes and the order to apply them are in the Output.`, show).then((a) => {
      if (a === show) deps.output.show(true);
    });
  }
  return { applied: true, result, edit, leftOut };
}

/** Each file's text once the whole edit is applied (undefined before: a new file). */
async function expectedTexts(edit: LspWorkspaceEdit): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind === 'create') texts.set(change.uri, '');
      continue;
    }
    const uri = change.textDocument.uri;
    const before = texts.get(uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
    texts.set(uri, applyTextEdits(before, change.edits as LspTextEdit[]));
  }
  return texts;
}

async function notAsExpected(expected: Map<string, string>): Promise<string[]> {
  const differing: string[] = [];
  for (const [uri, text] of expected) {
    let now: string | undefined;
    try {
      now = (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
    } catch {
      now = undefined; // a new file the user left out
    }
    if (now !== text) differing.push(uri);
  }
  return differing;
}
