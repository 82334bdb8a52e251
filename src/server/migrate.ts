// `cnpg/migrate`: runs a transform of src/core/transforms on the server's workspace model and
// returns its changes as a WorkspaceEdit that VS Code previews before writing anything (every edit
// carries a change annotation with needsConfirmation). Thin: choosing the resource, the wording.
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import type { WorkspaceModel } from '../core/model/workspace';
import { isKustomizationFile } from '../core/model/kustomize';
import { asString, getIn, type Resource } from '../core/model/resource';
import type { FileChange } from '../core/rules/types';
import { migrateToBarmanPlugin } from '../core/transforms/barman-plugin';
import { switchObjectStore, type StoreSwitchReport } from '../core/transforms/object-store-switch';
import { generateRestoreTest } from '../core/transforms/restore-test';
import { generateFromZalando } from '../core/transforms/zalando';
import { displayName } from '../core/transforms/namespaces';
import { TransformInputError, TransformRefused, type TransformResult } from '../core/transforms/types';
import type { ChangedFile, MigrateParams, MigrateResult, ObjectStoreInfo, ResourceRef } from './migrateProtocol';
import type { ServerSettings } from './settings';
import { toWorkspaceEdit, unplaceable } from './edits';
import { pathToUri, uriToPath } from './uris';

/** A request the server cannot serve as asked (no Cluster at the cursor); shown to the user as is. */
class RequestError extends Error {}

export function handleMigrate(model: WorkspaceModel, settings: ServerSettings, params: MigrateParams): MigrateResult {
  try {
    const { title, result, stores } = run(model, settings, params);
    const misplaced = unplaceable(result.changes);
    if (misplaced) return { ok: false, kind: 'input', message: misplaced };
    return {
      ok: true,
      title,
      edit: toPreviewEdit(model, result.changes, title),
      files: result.changes.map((c): ChangedFile => ({ uri: pathToUri(c.file), create: c.create === true })),
      summary: result.summary.map(editorWording),
      notes: result.notes.map(editorWording),
      ...(stores ? { stores } : {}),
    };
  } catch (err) {
    if (err instanceof TransformRefused) {
      const refusals = err.refusals.map((r) => ({ subject: r.subject, reason: editorWording(r.reason) }));
      return { ok: false, kind: 'refused', message: refusals.map((r) => `${r.subject}: ${r.reason}`).join('\n'), refusals };
    }
    if (err instanceof TransformInputError || err instanceof RequestError) return { ok: false, kind: 'input', message: editorWording(err.message) };
    throw err;
  }
}

function run(model: WorkspaceModel, settings: ServerSettings, params: MigrateParams): { title: string; result: TransformResult; stores?: StoreSwitchReport[] } {
  switch (params.kind) {
    case 'barman-plugin': {
      const cluster = params.target ? clusterFor(model, params.target) : undefined;
      const result = migrateToBarmanPlugin(model, {
        resources: cluster ? [cluster] : undefined,
        objectStoreName: params.objectStoreName ?? settings.objectStoreName,
        objectStorePlacement: params.objectStorePlacement ?? settings.objectStorePlacement,
      });
      return { title: cluster ? `Migrate ${displayName(cluster)} to the Barman Cloud Plugin` : 'Migrate all Clusters to the Barman Cloud Plugin', result };
    }
    case 'object-store': {
      const result = switchObjectStore(model, { endpointURL: params.endpointURL, endpointCA: params.endpointCA, secrets: params.secrets, stores: params.stores });
      return { title: `Switch ObjectStores to ${params.endpointURL}`, result, stores: result.stores };
    }
    case 'zalando-import':
    case 'zalando-replica': {
      const source = resourceFor(model, params.target, ['postgresql'], 'Zalando postgresql manifest (acid.zalan.do/v1)');
      const path = params.kind === 'zalando-import' ? 'import' : 'replica';
      const result = generateFromZalando(model, source, path, { clusterName: params.clusterName, namespace: params.namespace, objectStore: params.objectStore });
      return { title: `Generate a CloudNativePG ${path} Cluster from ${displayName(source)}`, result };
    }
    case 'restore-test': {
      const cluster = resourceFor(model, params.target, ['Cluster'], 'CloudNativePG Cluster');
      const result = generateRestoreTest(model, cluster, { name: params.name, targetTime: params.targetTime, targetLSN: params.targetLSN });
      return { title: `Generate a restore test of ${displayName(cluster)}`, result };
    }
  }
}

/**
 * The edit of a transform, its changes grouped and labelled for VS Code's refactor preview. The
 * preview opens when a change needs confirmation, and such changes start unticked (by VS Code's
 * design, microsoft/vscode#200991), their diff hidden until ticked. So only the changes that start
 * or change a database need the tick: edited Clusters (a rolling update once deployed), edited
 * ObjectStores (where backups go), new files holding a Cluster. The rest (new ObjectStore files,
 * kustomizations, backups) start ticked, with their diffs shown. Nothing is written before Apply.
 */
export function toPreviewEdit(model: WorkspaceModel, changes: FileChange[], title: string): WorkspaceEdit {
  const groups = changes.map((c) => groupOf(model, c));
  // The preview must open: with nothing to confirm (no such transform today), every change needs it.
  const confirmAll = !groups.some((g) => g.confirm);
  const annotations: NonNullable<WorkspaceEdit['changeAnnotations']> = {};
  const edit = toWorkspaceEdit(changes, (change) => {
    const group = groups[changes.indexOf(change)];
    annotations[group.id] ??= { label: group.label, description: title, needsConfirmation: group.confirm || confirmAll };
    return group.id;
  });
  edit.changeAnnotations = annotations;
  return edit;
}

interface PreviewGroup {
  id: string;
  label: string;
  confirm: boolean;
}

const GROUPS: (PreviewGroup & { kinds: string[] })[] = [
  { kinds: ['Cluster'], id: 'cnpg-clusters', label: 'Clusters (a rolling update once deployed)', confirm: true },
  { kinds: ['ObjectStore'], id: 'cnpg-object-stores', label: 'ObjectStores (where the backups go)', confirm: true },
  { kinds: ['Backup', 'ScheduledBackup'], id: 'cnpg-backups', label: 'Backups and ScheduledBackups', confirm: false },
];
const CLUSTER_DOCUMENT = /^kind:[ \t]*["']?Cluster["']?[ \t]*(#.*)?$/m;

function groupOf(model: WorkspaceModel, change: FileChange): PreviewGroup {
  if (change.create) {
    return change.edits.some((e) => CLUSTER_DOCUMENT.test(e.newText))
      ? { id: 'cnpg-new-clusters', label: 'New Clusters (a new database once deployed)', confirm: true }
      : { id: 'cnpg-new-files', label: 'New files', confirm: false };
  }
  const file = model.getFile(change.file);
  if (file && isKustomizationFile(file.path)) return { id: 'cnpg-kustomizations', label: 'kustomization.yaml files', confirm: false };
  const kinds = new Set(file?.resources.map((r) => r.kind));
  return GROUPS.find((g) => g.kinds.some((k) => kinds.has(k))) ?? { id: 'cnpg-other', label: 'Other files', confirm: false };
}

export function listObjectStores(model: WorkspaceModel): ObjectStoreInfo[] {
  return model
    .ofKind('ObjectStore')
    .filter((s) => s.name !== undefined)
    .map((s) => ({
      name: s.name!,
      namespace: s.namespace,
      uri: pathToUri(s.file),
      endpointURL: asString(getIn(s.value, ['spec', 'configuration', 'endpointURL'])),
      destinationPath: asString(getIn(s.value, ['spec', 'configuration', 'destinationPath'])),
    }));
}

/** The Cluster to migrate: the one at the reference, or the cluster a Backup/ScheduledBackup there targets. */
export function clusterFor(model: WorkspaceModel, ref: ResourceRef): Resource {
  const resource = resourceFor(model, ref, ['Cluster', 'Backup', 'ScheduledBackup'], 'CloudNativePG Cluster');
  if (resource.kind === 'Cluster') return resource;
  const target = backupTarget(model, resource);
  if ('error' in target) throw new RequestError(target.error);
  return target.cluster;
}

export function backupTarget(model: WorkspaceModel, backup: Resource): { cluster: Resource } | { error: string } {
  const name = asString(getIn(backup.value, ['spec', 'cluster', 'name']));
  if (name === undefined || name.includes('${')) return { error: `${displayName(backup)} names no plain spec.cluster.name.` };
  const found = model.find('Cluster', backup.namespace, name);
  if (found.ambiguous) return { error: `Several Clusters named ${name} could be the target of ${displayName(backup)}; run the migration from the Cluster's manifest.` };
  if (!found.resource) return { error: `Cluster ${name}, the target of ${displayName(backup)}, is not in the workspace.` };
  return { cluster: found.resource };
}

/**
 * The resource a command points at: the document with that index, else the one holding the cursor,
 * else the only resource of a wanted kind in the file. Kustomize patches are partial: never chosen.
 */
export function resourceFor(model: WorkspaceModel, ref: ResourceRef, kinds: string[], what: string): Resource {
  const file = model.getFile(uriToPath(ref.uri));
  if (!file) throw new RequestError('This file is not part of the workspace the CloudNativePG language server reads (a YAML file in an open folder).');
  const resources = file.resources.filter((r) => !r.isPatch);
  let chosen: Resource | undefined;
  if (ref.documentIndex !== undefined) chosen = resources.find((r) => r.document.index === ref.documentIndex);
  else if (ref.position) chosen = resourceAtLine(resources, ref.position.line);
  if (chosen && kinds.includes(chosen.kind)) return chosen;
  const wanted = resources.filter((r) => r.kind === kinds[0]);
  if (ref.documentIndex === undefined && wanted.length === 1) return wanted[0];
  if (file.resources.some((r) => r.isPatch && kinds.includes(r.kind))) throw new RequestError(`This is a Kustomize patch, a partial document: run the command on the manifest it patches.`);
  throw new RequestError(wanted.length > 1 ? `This file holds ${wanted.length} of them: put the cursor in the ${what} you mean.` : `No ${what} here: open its manifest and put the cursor in it.`);
}

export function resourceAtLine(resources: Resource[], line: number): Resource | undefined {
  return resources.find((r) => {
    const d = r.document;
    return line >= d.fileLine && line <= d.rangeOf(d.text.length, d.text.length).end.line;
  });
}

/** The transforms speak CLI (`--cluster-name`); in the editor the same choice has another name. */
export function editorWording(text: string): string {
  return text
    .replace(/ with --cluster-name\b/g, ' with another name for the new Cluster')
    .replace(/--cluster-name "/g, 'The Cluster name "')
    .replace(/use --placement same-file/g, 'set cnpg.migration.objectStorePlacement to same-file')
    .replace(/--target-time "/g, 'The recovery target "')
    .replace(/--target-lsn "/g, 'The recovery target "')
    .replace(/Give --target-time or --target-lsn, not both\./g, 'Give a recovery time or a WAL position, not both.')
    .replace(/--secret ([^=\s]+)=\.\.\.:/g, 'Secret rename $1=...:')
    .replace(/Run `cnpg-tools migrate barman-plugin` first\./g, 'Run "CNPG: Migrate All Clusters in the Workspace to the Barman Cloud Plugin" first.');
}
