// How a live Cluster is configured to archive WAL and take backups: in-tree barmanObjectStore,
// the Barman Cloud Plugin (with its ObjectStore), both at once, volume snapshots, or nothing.
// cnpg-facts.md §a (webhook rules, both configured), §b (plugin parameters, serverName defaults).
import type { KubeObject } from '../../kube/types';
import { BARMAN_PLUGIN_NAME } from '../cnpg/constants';
import { enabledPlugins, externalClustersOf, hasVolumeSnapshots, inTreeStore, type PluginEntry } from '../cnpg/cluster';
import { asRecord, asString, getIn } from '../model/resource';
import { sameNamespace } from './objects';

export type Architecture = 'in-tree' | 'mixed' | 'plugin' | 'volume-snapshot' | 'none';

/** Where the WAL and base backups go, as read from barmanObjectStore or the ObjectStore's spec.configuration. */
export interface StoreSummary {
  destinationPath: string | undefined;
  endpointURL: string | undefined;
  provider: 's3' | 'azure' | 'google' | undefined;
  /** Effective serverName: the folder under destinationPath. */
  serverName: string;
  retentionPolicy: string | undefined;
}

export interface PluginSummary {
  entry: PluginEntry;
  barmanObjectName: string | undefined;
  /** ObjectStore lookup: found, missing in the namespace, or unknown (not listed yet, or not readable). */
  objectStore: { state: 'found'; object: KubeObject } | { state: 'missing' } | { state: 'unknown'; why: string };
  store: StoreSummary | undefined;
}

export interface BackupConfig {
  architecture: Architecture;
  inTree: StoreSummary | undefined;
  /** The enabled barman-cloud.cloudnative-pg.io plugin, if any. */
  plugin: PluginSummary | undefined;
  /** Enabled plugins whose name looks like Barman Cloud but is not its real name (cnpg-facts.md §c rule 7). */
  misnamed: PluginEntry[];
  /** Enabled plugins with isWALArchiver: true. */
  archivers: PluginEntry[];
  /** Other enabled plugins (third-party backup plugins, for instance). */
  otherPlugins: PluginEntry[];
  /** externalClusters[] still read through in-tree barmanObjectStore. */
  inTreeExternalClusters: string[];
  volumeSnapshot: boolean;
}

/** What is known about the namespace's ObjectStores. */
export type ObjectStoresState = { state: 'ok'; objects: KubeObject[] } | { state: 'unknown'; why: string };

export function readBackupConfig(cluster: KubeObject, objectStores: ObjectStoresState): BackupConfig {
  const name = cluster.metadata.name;
  const inTreeRaw = inTreeStore(cluster);
  const inTree = inTreeRaw
    ? storeSummary(inTreeRaw, asString(inTreeRaw.serverName) ?? name, asString(getIn(cluster, ['spec', 'backup', 'retentionPolicy'])))
    : undefined;
  const enabled = enabledPlugins(cluster);
  const barman = lastByName(enabled, BARMAN_PLUGIN_NAME);
  const misnamed = enabled.filter((p) => p.name !== BARMAN_PLUGIN_NAME && looksLikeBarman(p.name));
  const archivers = enabled.filter((p) => p.isWALArchiver);
  const otherPlugins = enabled.filter((p) => p.name !== BARMAN_PLUGIN_NAME && !looksLikeBarman(p.name));
  const plugin = barman ? pluginSummary(cluster, barman, objectStores) : undefined;
  const inTreeExternalClusters = externalClustersOf(cluster)
    .filter((e) => asRecord(e.value.barmanObjectStore))
    .map((e) => e.name ?? String(e.index));
  const pluginSide = plugin !== undefined || misnamed.length > 0 || archivers.length > 0;
  const inTreeSide = inTree !== undefined;
  const volumeSnapshot = hasVolumeSnapshots(cluster);
  let architecture: Architecture;
  if (pluginSide && (inTreeSide || inTreeExternalClusters.length > 0)) architecture = 'mixed';
  else if (inTreeSide) architecture = 'in-tree';
  else if (pluginSide) architecture = 'plugin';
  else if (volumeSnapshot) architecture = 'volume-snapshot';
  else architecture = 'none';
  return { architecture, inTree, plugin, misnamed, archivers, otherPlugins, inTreeExternalClusters, volumeSnapshot };
}

/** `barman-cloud`, `barman`, `barman-cloud.cnpg.io`…: the mistakes people make (seeds README, runbook 000). */
export function looksLikeBarman(name: string | undefined): boolean {
  return name !== undefined && /barman/i.test(name);
}

/** Duplicate plugin names: the last one wins (cnpg-facts.md §c rule 11). */
function lastByName(plugins: PluginEntry[], name: string): PluginEntry | undefined {
  const same = plugins.filter((p) => p.name === name);
  return same[same.length - 1];
}

function pluginSummary(cluster: KubeObject, entry: PluginEntry, objectStores: ObjectStoresState): PluginSummary {
  const barmanObjectName = asString(entry.parameters.barmanObjectName);
  // In spec.plugins the serverName defaults to the Cluster's name (cnpg-facts.md §b).
  const serverName = asString(entry.parameters.serverName) ?? cluster.metadata.name;
  let objectStore: PluginSummary['objectStore'];
  if (!barmanObjectName) objectStore = { state: 'missing' };
  else if (objectStores.state === 'unknown') objectStore = { state: 'unknown', why: objectStores.why };
  else {
    const found = objectStores.objects.find((o) => o.metadata.name === barmanObjectName && sameNamespace(o, cluster));
    objectStore = found ? { state: 'found', object: found } : { state: 'missing' };
  }
  const store =
    objectStore.state === 'found'
      ? storeSummary(asRecord(getIn(objectStore.object, ['spec', 'configuration'])) ?? {}, serverName, asString(getIn(objectStore.object, ['spec', 'retentionPolicy'])))
      : undefined;
  return { entry, barmanObjectName, objectStore, store };
}

function storeSummary(config: Record<string, unknown>, serverName: string, retentionPolicy: string | undefined): StoreSummary {
  const provider = config.s3Credentials ? 's3' : config.azureCredentials ? 'azure' : config.googleCredentials ? 'google' : undefined;
  return { destinationPath: asString(config.destinationPath), endpointURL: asString(config.endpointURL), provider, serverName, retentionPolicy };
}

/** The ObjectStore's recovery window for one serverName (cnpg-facts.md §b, §d). */
export function recoveryWindow(objectStore: KubeObject, serverName: string): { first?: string; lastSuccessful?: string; lastFailed?: string } | undefined {
  const w = asRecord(getIn(objectStore, ['status', 'serverRecoveryWindow', serverName]));
  if (!w) return undefined;
  return { first: asString(w.firstRecoverabilityPoint), lastSuccessful: asString(w.lastSuccessfulBackupTime), lastFailed: asString(w.lastFailedBackupTime) };
}
