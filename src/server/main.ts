// The CNPG language server: thin LSP handlers over src/core (like yaml-language-server).
// It never imports `vscode`; the client starts it over IPC, tests, the benchmark and other editors over stdio.
import { TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LintSession } from './session';
import { readSettings, type ServerSettings } from './settings';
import { codeActionsFor } from './codeActions';
import { loadWorkspaceFolders } from './workspaceLoader';
import { pathToUri } from './uris';
import { handleMigrate, listObjectStores } from './migrate';
import { createServerConnection } from './transport';
import { MIGRATE_REQUEST, OBJECT_STORES_REQUEST, type MigrateParams } from './migrateProtocol';

const connection = createServerConnection();
const documents = new TextDocuments(TextDocument);
let session: LintSession;
let folders: string[] = [];

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const settings: ServerSettings = readSettings(params.initializationOptions);
  session = new LintSession(settings, (uri, diagnostics, version) => {
    void connection.sendDiagnostics({ uri, diagnostics, version });
  }, (message) => connection.console.log(message));
  folders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'cnpg-language-server' },
  };
});

/** Settles once the workspace folders are read: migrations must see every file, not the first few. */
let workspaceLoaded: Promise<void> = Promise.resolve();

connection.onInitialized(() => {
  workspaceLoaded = loadWorkspace();
});

async function loadWorkspace(): Promise<void> {
  connection.console.log(`CloudNativePG language server started; ${folders.length} workspace folder(s).`);
  try {
    const loaded = await loadWorkspaceFolders(folders, session.settings.maxFileSize, (path) => documents.get(pathToUri(path)) !== undefined);
    session.addFiles(loaded.files);
    connection.console.log(`Read ${loaded.files.length} YAML file(s) from the workspace in ${loaded.millis} ms${loaded.truncated ? ' (stopped at the file limit)' : ''}.`);
  } catch (err) {
    connection.console.error(`Could not read the workspace: ${err instanceof Error ? err.message : String(err)}`);
  }
}

documents.onDidOpen((e) => session.openDocument(e.document.uri, e.document.getText(), e.document.version));
documents.onDidChangeContent((e) => session.changeDocument(e.document.uri, e.document.getText(), e.document.version));
documents.onDidClose((e) => session.closeDocument(e.document.uri));

connection.onDidChangeWatchedFiles((e) => session.watchedFilesChanged(e.changes));

connection.onNotification('cnpg/settings', (raw: unknown) => session.updateSettings(readSettings(raw)));

connection.onCodeAction((params) => codeActionsFor(session, params));

connection.onRequest(MIGRATE_REQUEST, async (params: MigrateParams) => {
  await workspaceLoaded;
  return handleMigrate(session.model, session.settings, params);
});
connection.onRequest(OBJECT_STORES_REQUEST, async () => {
  await workspaceLoaded;
  return listObjectStores(session.model);
});

connection.onShutdown(() => session.dispose());

documents.listen(connection);
connection.listen();
