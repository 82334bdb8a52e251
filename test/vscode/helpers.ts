// Small helpers for the integration tests: waiting on asynchronous editor state and finding files.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'cnpg-tools.cnpg-tools';

/** Polls until `probe` returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A file in the copy of test/vscode/workspace that the test VS Code opened as `fixtures/`. */
export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The test VS Code has no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, 'fixtures', name);
}

export async function activateExtension(): Promise<vscode.Extension<{ languageServerReady: Promise<void> }>> {
  const ext = vscode.extensions.getExtension<{ languageServerReady: Promise<void> }>(EXTENSION_ID);
  if (!ext) throw new Error(`Extension ${EXTENSION_ID} is not installed in the test VS Code`);
  const api = await ext.activate();
  await api.languageServerReady;
  return ext;
}

export function cnpgDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cnpg' && (code === undefined || diagnosticCode(d) === code));
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}
