// Starts the CNPG language server over IPC and keeps its settings in step with VS Code's.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const OUTPUT_CHANNEL_NAME = 'CloudNativePG';

export function serverSettings(detectedOperatorVersion?: string): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('cnpg');
  const schema = c.get<string>('validation.schema', 'auto');
  // `auto`: leave structural validation to the Red Hat YAML extension when it is installed.
  const yamlExtension = vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined;
  return {
    operatorVersion: c.get<string>('operatorVersion', 'auto'),
    detectedOperatorVersion,
    rules: c.get<Record<string, string>>('lint.rules', {}),
    schemaValidation: schema === 'on' || (schema === 'auto' && !yamlExtension),
    maxFileSize: c.get<number>('lint.maxFileSize', 5 * 1024 * 1024),
    // The quick fix "Migrate to the Barman Cloud Plugin" runs in the server; the commands pass the
    // value for their document's folder instead.
    objectStoreName: c.get<string>('migration.objectStoreName'),
    objectStorePlacement: c.get<string>('migration.objectStorePlacement', 'auto'),
  };
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
      { language: 'yaml', scheme: 'vscode-vfs' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
    initializationOptions: serverSettings(),
    outputChannel: output,
  };
  return new LanguageClient('cnpgLanguageServer', 'CloudNativePG Language Server', serverOptions, clientOptions);
}
