// Modal confirmations for cluster mutations, and the one way tests can answer them.
import * as vscode from 'vscode';

let testMode = false;

/**
 * Called once at activation. The auto-confirm hook works only when VS Code runs the extension for
 * its integration tests (ExtensionMode.Test); in normal use the environment variable is ignored.
 */
export function initConfirm(context: vscode.ExtensionContext): void {
  testMode = context.extensionMode === vscode.ExtensionMode.Test;
}

export function autoConfirmForTests(): boolean {
  return testMode && process.env.CNPG_TOOLS_TEST_AUTOCONFIRM === '1';
}

/** Asks with a modal dialog; resolves true only on the action button. */
export async function confirmModal(message: string, detail: string, action: string): Promise<boolean> {
  if (autoConfirmForTests()) return true;
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return answer === action;
}

/** Mutations need a trusted workspace: package.json gates the commands, this checks again at run time. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage(`${what} needs a trusted workspace: a kubeconfig can run programs. Trust this workspace first.`);
  return false;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
