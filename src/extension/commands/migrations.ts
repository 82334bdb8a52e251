// The migration commands (issue 4, "offered three ways": quick fix, command with a preview, CLI).
// Each asks what it needs, then src/extension/commands/migrationRun.ts previews every file.
import * as vscode from 'vscode';
import { manifestDocuments, type ManifestRef } from '../../core/status/manifests';
import { isClusterName, nameWithSuffix } from '../../core/transforms/generated-name';
import type { StoreSwitchReport } from '../../core/transforms/object-store-switch';
import type { MigrateParams, ResourceRef } from '../../server/migrateProtocol';
import { pendingPreviews, requestObjectStores, runMigration, type MigrationDeps, type MigrationOutcome } from './migrationRun';
import { askObjectStoreSwitch } from './objectStorePrompts';

export function registerMigrationCommands(context: vscode.ExtensionContext, deps: MigrationDeps): void {
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register('cnpg.migration.toPlugin', (arg) => migrateToPlugin(deps, arg));
  register('cnpg.migration.toPluginAll', () => runMigration(deps, { kind: 'barman-plugin' }));
  register('cnpg.objectStore.switch', () => switchObjectStores(deps));
  register('cnpg.zalando.generateImport', (arg) => generateFromZalando(deps, arg, 'zalando-import'));
  register('cnpg.zalando.generateReplica', (arg) => generateFromZalando(deps, arg, 'zalando-replica'));
  register('cnpg.restoreTest.generate', (arg) => generateRestoreTest(deps, arg));
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    register('cnpg.test.migration', () => ({ pendingPreviews: pendingPreviews() }));
  }
}

/** A CodeLens argument `{uri, documentIndex}`, else the active YAML editor's cursor. */
interface Target {
  ref: ResourceRef;
  uri: vscode.Uri;
  document: vscode.TextDocument;
}

async function targetOf(arg: unknown, what: string): Promise<Target | undefined> {
  const a = arg && typeof arg === 'object' ? (arg as { uri?: unknown; documentIndex?: unknown }) : undefined;
  if (a?.uri instanceof vscode.Uri || typeof a?.uri === 'string') {
    const uri = typeof a.uri === 'string' ? vscode.Uri.parse(a.uri) : a.uri;
    const document = await vscode.workspace.openTextDocument(uri);
    const documentIndex = typeof a.documentIndex === 'number' ? a.documentIndex : undefined;
    return { uri, document, ref: { uri: uri.toString(), documentIndex } };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') {
    void vscode.window.showWarningMessage(`Open the ${what} manifest and put the cursor in it, or use the CodeLens above it.`);
    return undefined;
  }
  const position = editor.selection.active;
  return { uri: editor.document.uri, document: editor.document, ref: { uri: editor.document.uri.toString(), position: { line: position.line, character: position.character } } };
}

/** The manifest of a kind the target points at, the way the server chooses it (for names in prompts). */
function manifestOf(target: Target, kind: string): ManifestRef | undefined {
  const docs = manifestDocuments(target.document.getText());
  const { documentIndex, position } = target.ref;
  const chosen = documentIndex !== undefined ? docs.find((d) => d.index === documentIndex) : docs.find((d) => position && position.line >= d.line && position.line <= d.endLine);
  if (chosen?.kind === kind) return chosen;
  const ofKind = docs.filter((d) => d.kind === kind);
  return documentIndex === undefined && ofKind.length === 1 ? ofKind[0] : undefined;
}

function migrationSettings(uri: vscode.Uri): Pick<Extract<MigrateParams, { kind: 'barman-plugin' }>, 'objectStoreName' | 'objectStorePlacement'> {
  const c = vscode.workspace.getConfiguration('cnpg', uri);
  const placement = c.get<string>('migration.objectStorePlacement');
  return {
    objectStoreName: c.get<string>('migration.objectStoreName') || undefined,
    objectStorePlacement: placement === 'same-file' || placement === 'new-file' || placement === 'auto' ? placement : undefined,
  };
}

async function migrateToPlugin(deps: MigrationDeps, arg: unknown): Promise<MigrationOutcome | undefined> {
  const target = await targetOf(arg, 'Cluster');
  if (!target) return undefined;
  return runMigration(deps, { kind: 'barman-plugin', target: target.ref, ...migrationSettings(target.uri) });
}

async function generateFromZalando(deps: MigrationDeps, arg: unknown, kind: 'zalando-import' | 'zalando-replica'): Promise<MigrationOutcome | undefined> {
  const target = await targetOf(arg, 'Zalando postgresql');
  if (!target) return undefined;
  const source = manifestOf(target, 'postgresql');
  if (!source) {
    void vscode.window.showWarningMessage('Put the cursor in a Zalando postgresql manifest (acid.zalan.do/v1, kind: postgresql).');
    return undefined;
  }
  const clusterName = await askClusterName(nameWithSuffix(source.name, '-cnpg'), `Name of the new CloudNativePG ${kind === 'zalando-import' ? 'import' : 'replica'} Cluster`);
  if (clusterName === undefined) return undefined;
  return runMigration(deps, { kind, target: { uri: target.ref.uri, documentIndex: source.index }, clusterName });
}

async function generateRestoreTest(deps: MigrationDeps, arg: unknown): Promise<MigrationOutcome | undefined> {
  const target = await targetOf(arg, 'Cluster');
  if (!target) return undefined;
  const cluster = manifestOf(target, 'Cluster');
  if (!cluster) {
    void vscode.window.showWarningMessage('Put the cursor in the CloudNativePG Cluster to test the backups of.');
    return undefined;
  }
  const name = await askClusterName(nameWithSuffix(cluster.name, '-restore-test'), 'Name of the restore-test Cluster');
  if (name === undefined) return undefined;
  const upTo = await vscode.window.showInputBox({
    title: 'Recover up to (optional)',
    prompt: 'An RFC 3339 time (2026-07-01T12:00:00Z) or a WAL position (0/1A2B3C4D); empty: the last archived WAL',
    validateInput: (v) => (v.trim() === '' || LSN.test(v.trim()) || RFC3339.test(v.trim()) ? undefined : 'Give a time such as 2026-07-01T12:00:00Z or a WAL position such as 0/1A2B3C4D.'),
  });
  if (upTo === undefined) return undefined;
  const t = upTo.trim();
  return runMigration(deps, {
    kind: 'restore-test',
    target: { uri: target.ref.uri, documentIndex: cluster.index },
    name,
    ...(t === '' ? {} : LSN.test(t) ? { targetLSN: t } : { targetTime: t }),
  });
}

const LSN = /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

async function askClusterName(suggested: string | undefined, title: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    value: suggested ?? '',
    validateInput: (v) => (isClusterName(v) ? undefined : 'At most 50 lowercase letters, digits and "-", starting with a letter.'),
  });
}

async function switchObjectStores(deps: MigrationDeps): Promise<MigrationOutcome | undefined> {
  const stores = await requestObjectStores(deps);
  if (stores.length === 0) {
    void vscode.window.showWarningMessage('No ObjectStore in the workspace. Clusters on in-tree barmanObjectStore: run "Migrate All Clusters in the Workspace to the Barman Cloud Plugin" first.');
    return undefined;
  }
  const params = await askObjectStoreSwitch(stores);
  if (!params) return undefined;
  const outcome = await runMigration(deps, params);
  if (outcome.applied && outcome.result?.ok && outcome.result.stores) await offerRestart(outcome.result.stores);
  return outcome;
}

/** endpointCA is mounted into the pods: those clusters need a rollout once the change is deployed. */
async function offerRestart(reports: StoreSwitchReport[]): Promise<void> {
  const needing = reports.filter((r) => r.needsRollout && r.changed.length > 0);
  if (needing.length === 0) {
    void vscode.window.showInformationMessage('No restart needed: the Barman Cloud Plugin 0.7.0 or later re-reads ObjectStores and secrets on its own.');
    return;
  }
  const clusters = needing.flatMap((r) => r.clusters);
  const known = clusters.filter((c): c is { name: string; namespace: string } => c.namespace !== undefined);
  const unknown = clusters.filter((c) => c.namespace === undefined).map((c) => c.name);
  const stores = needing.map((r) => r.store).join(', ');
  const who = clusters.length > 0 ? clusters.map((c) => (c.namespace ? `${c.namespace}/${c.name}` : c.name)).join(', ') : 'no Cluster in the workspace uses them';
  const message = `The endpoint CA of ${stores} changed; it is mounted into the pods, so once the change is deployed these clusters need a rolling restart: ${who}.${unknown.length > 0 ? ` Namespace unknown, restart by hand: ${unknown.join(', ')}.` : ''}`;
  const canRestart = known.length > 0 && vscode.workspace.isTrusted && (await vscode.commands.getCommands(true)).includes('cnpg.cluster.restart');
  const restart = 'Restart Clusters';
  const answer = await vscode.window.showWarningMessage(message, ...(canRestart ? [restart] : []));
  if (answer !== restart) return;
  // Each restart asks for confirmation in the explorer's own dialog, in the active context.
  for (const c of known) await vscode.commands.executeCommand('cnpg.cluster.restart', { namespace: c.namespace, name: c.name });
}
