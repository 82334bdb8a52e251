// Which Clusters the migration works on, and the reasons it must not touch some of them.
import type { WorkspaceModel } from '../../model/workspace';
import { namespacesMatch } from '../../model/workspace';
import { asRecord, asString, getIn, isSubstituted, type Resource } from '../../model/resource';
import { enabledPlugins, externalClustersOf, pluginsOf } from '../../cnpg/cluster';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import { TransformInputError, type Refusal } from '../types';
import { displayName } from '../namespaces';
import { folderOf, hasInTree, readInTree } from './inspect';
import { inTreePatches, patchesReAddingInTree, type InTreePatch } from './patches';

export interface ClusterSelector {
  name: string;
  namespace?: string;
}

export interface Selection {
  clusters: Resource[];
  refusals: Refusal[];
  notes: string[];
}

const HELM_CLUSTER = /kind:\s*["']?Cluster\b/;

/** Parses "name" or "namespace/name". */
export function parseSelector(text: string): ClusterSelector {
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new TransformInputError(`"${text}" is not a cluster name (use NAME or NAMESPACE/NAME).`);
  return parts.length === 2 ? { namespace: parts[0], name: parts[1] } : { name: parts[0] };
}

export function selectClusters(model: WorkspaceModel, selectors: ClusterSelector[] | undefined, explicit: Resource[] | undefined): Selection {
  const refusals: Refusal[] = [];
  const notes: string[] = [];
  const all = model.ofKind('Cluster');
  let clusters: Resource[];
  if (explicit) {
    clusters = explicit;
  } else if (selectors && selectors.length > 0) {
    clusters = [];
    for (const sel of selectors) {
      const found = all.filter((c) => c.name === sel.name && (sel.namespace === undefined || namespacesMatch(c.namespace, sel.namespace)));
      if (found.length > 0) {
        for (const c of found) if (!clusters.includes(c)) clusters.push(c);
        continue;
      }
      const substituted = all.filter((c) => c.name === undefined && rawName(c) === sel.name);
      if (substituted.length > 0) {
        clusters.push(...substituted);
        continue;
      }
      const template = helmTemplatesMentioning(model, sel.name);
      if (template.length > 0) {
        refusals.push({ subject: `Cluster ${sel.name}`, reason: `it is defined in a Helm template (${template.join(', ')}); templates are rendered at install time, so change the chart's values or template by hand.` });
        continue;
      }
      throw new TransformInputError(`No Cluster named "${sel.namespace ? `${sel.namespace}/` : ''}${sel.name}" in the given files.`);
    }
  } else {
    clusters = all.filter((c) => hasInTree(c));
    for (const f of model.allFiles()) {
      if (f.parsed.isTemplate && HELM_CLUSTER.test(f.parsed.text) && f.parsed.text.includes('barmanObjectStore')) {
        notes.push(`${f.path} is a Helm template that mentions barmanObjectStore; it was not changed (edit the chart by hand).`);
      }
    }
  }
  const selected = clusters.filter((c) => {
    if (hasInTree(c)) return true;
    notes.push(`${displayName(c)} has no in-tree barmanObjectStore: nothing to migrate.`);
    return false;
  });
  const patches = inTreePatches(model);
  for (const c of selected) refusals.push(...refusalsFor(model, c, selected, patches));
  return { clusters: selected, refusals, notes };
}

function rawName(c: Resource): string | undefined {
  return asString(getIn(c.value, ['metadata', 'name']));
}

function helmTemplatesMentioning(model: WorkspaceModel, name: string): string[] {
  return model
    .allFiles()
    .filter((f) => f.parsed.isTemplate && HELM_CLUSTER.test(f.parsed.text) && f.parsed.text.includes(name))
    .map((f) => f.path);
}

/** Why this Cluster cannot be migrated safely; empty when it can. */
export function refusalsFor(model: WorkspaceModel, cluster: Resource, selected: readonly Resource[], patches: InTreePatch[] = inTreePatches(model)): Refusal[] {
  const subject = cluster.name ? displayName(cluster) : `Cluster ${rawName(cluster) ?? '(unnamed)'} in ${cluster.file}`;
  const out: Refusal[] = [];
  const refuse = (reason: string) => out.push({ subject, reason });
  if (cluster.name === undefined) {
    const raw = rawName(cluster);
    refuse(
      raw && isSubstituted(raw)
        ? `its name "${raw}" is a Flux substitution, so the ObjectStore name, the backup folder (serverName defaults to the cluster name) and the Backups that target it cannot be known here.`
        : 'it has no metadata.name.',
    );
    return out;
  }
  const name = cluster.name;
  const inTree = readInTree(cluster);
  if (inTree.primary) {
    const plugins = pluginsOf(cluster.value);
    if (plugins.some((p) => p.name === BARMAN_PLUGIN_NAME)) {
      refuse(`it already lists the ${BARMAN_PLUGIN_NAME} plugin next to spec.backup.barmanObjectStore (a half-done migration); decide by hand which configuration is right and remove the other.`);
    }
    const otherArchiver = enabledPlugins(cluster.value).find((p) => p.isWALArchiver && p.name !== BARMAN_PLUGIN_NAME);
    if (otherArchiver) refuse(`plugin "${otherArchiver.name}" is already its WAL archiver; a cluster can have only one (cnpg-facts.md §a).`);
  }
  // Archiving into the folder it restores from (cnpg-facts.md §c rule 19).
  const archive = archiveFolder(model, cluster);
  if (archive) {
    for (const source of restoreSources(cluster.value)) {
      const ext = externalClustersOf(cluster.value).find((e) => e.name === source);
      if (!ext) continue;
      const folder = sourceFolder(model, cluster, ext.value, source);
      if (folder !== undefined && folder === archive) {
        refuse(`it archives into the folder it restores from (${archive}, external cluster "${source}"): the restore's empty-archive check fails, or with cnpg.io/skipEmptyWalArchiveCheck it writes over the source's history. Give the cluster its own serverName first.`);
      }
    }
  }
  for (const hit of patchesReAddingInTree(model, name, patches)) {
    refuse(
      hit.key === 'barmanObjectStore'
        ? `${hit.what} in ${hit.file} sets barmanObjectStore for it; after the migration the build would re-add in-tree archiving next to the plugin. Migrate or remove that patch first.`
        : `${hit.what} in ${hit.file} sets its retentionPolicy; after the migration retention lives on the ObjectStore and that patch would be ignored. Move it to a patch of the ObjectStore first.`,
    );
  }
  // A Backup whose cluster reference could mean several Clusters must not be switched for only one.
  for (const kind of ['Backup', 'ScheduledBackup']) {
    for (const b of model.ofKind(kind)) {
      if (getIn(b.value, ['spec', 'cluster', 'name']) !== name || !namespacesMatch(b.namespace, cluster.namespace)) continue;
      const candidates = model.ofKind('Cluster').filter((c) => c.name === name && namespacesMatch(c.namespace, b.namespace));
      const outside = candidates.filter((c) => !selected.includes(c));
      if (candidates.length > 1 && outside.length > 0) {
        refuse(`${displayName(b)} (${b.file}) has no namespace and could target ${candidates.length} Clusters named "${name}"; set its namespace or migrate them together.`);
      }
    }
  }
  return out;
}

function restoreSources(cluster: unknown): string[] {
  const names = [getIn(cluster, ['spec', 'bootstrap', 'recovery', 'source']), getIn(cluster, ['spec', 'replica', 'source'])];
  return [...new Set(names.filter((n): n is string => typeof n === 'string'))];
}

/** `<destinationPath>/<serverName>` the cluster archives to, in-tree or through the barman plugin. */
function archiveFolder(model: WorkspaceModel, cluster: Resource): string | undefined {
  const inTree = readInTree(cluster);
  if (inTree.primary) return folderOf(inTree.primary.configuration.destinationPath, inTree.primary.serverName ?? cluster.name);
  const plugin = enabledPlugins(cluster.value).find((p) => p.name === BARMAN_PLUGIN_NAME && p.isWALArchiver);
  if (!plugin) return undefined;
  return pluginFolder(model, cluster, plugin.parameters, cluster.name);
}

function sourceFolder(model: WorkspaceModel, cluster: Resource, ext: Record<string, unknown>, extName: string): string | undefined {
  const plugin = asRecord(ext.plugin);
  if (plugin && plugin.name === BARMAN_PLUGIN_NAME) {
    // The plugin's default serverName for an external cluster is the restoring cluster's own name (cnpg-facts.md §b).
    return pluginFolder(model, cluster, asRecord(plugin.parameters) ?? {}, cluster.name);
  }
  const store = asRecord(ext.barmanObjectStore);
  if (!store) return undefined;
  return folderOf(store.destinationPath, asString(store.serverName) ?? extName);
}

function pluginFolder(model: WorkspaceModel, cluster: Resource, parameters: Record<string, unknown>, defaultServer: string | undefined): string | undefined {
  const storeName = asString(parameters.barmanObjectName);
  if (!storeName) return undefined;
  const found = model.find('ObjectStore', cluster.namespace, storeName);
  if (!found.resource || found.ambiguous) return undefined;
  return folderOf(getIn(found.resource.value, ['spec', 'configuration', 'destinationPath']), asString(parameters.serverName) ?? defaultServer);
}
