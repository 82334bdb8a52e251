// Activation: the language client first (diagnostics work everywhere), then the parts that
// need a trusted workspace and a kubeconfig.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient, OUTPUT_CHANNEL_NAME, serverSettings } from './client';
import { registerExplorer } from './explorer/register';
import { registerMigrationCommands } from './commands/migrations';

let client: LanguageClient | undefined;

export interface CnpgToolsApi {
  /** Resolves once the language server is running (tests wait on it). */
  languageServerReady: Promise<void>;
  /** Tells the language server which operator version the connected cluster runs. */
  setDetectedOperatorVersion(version: string | undefined): void;
}

export async function activate(context: vscode.ExtensionContext): Promise<CnpgToolsApi> {
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  let detected: string | undefined;
  const pushSettings = () => client?.sendNotification('cnpg/settings', serverSettings(detected));
  const languageServerReady = client.start().then(
    () => output.appendLine('CloudNativePG language server is running.'),
    (err: unknown) => {
      output.appendLine(`The CloudNativePG language server did not start: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    },
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cnpg')) void languageServerReady.then(pushSettings);
    }),
  );
  const api: CnpgToolsApi = {
    languageServerReady,
    setDetectedOperatorVersion(version) {
      detected = version;
      void languageServerReady.then(pushSettings);
    },
  };
  registerExplorer(context, output, api);
  registerMigrationCommands(context, { client, ready: languageServerReady, output });
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
