// Readings of a Cluster's backup configuration shared by rules, transforms and the explorer.
import { asArray, asRecord, asString, getIn } from '../model/resource';
import { BARMAN_PLUGIN_NAME } from './constants';

export interface PluginEntry {
  index: number;
  name: string | undefined;
  enabled: boolean;
  isWALArchiver: boolean;
  parameters: Record<string, unknown>;
}

/** `spec.plugins` entries; `enabled` defaults to true (cnpg-facts.md a, validatePluginConfiguration). */
export function pluginsOf(cluster: unknown): PluginEntry[] {
  return asArray(getIn(cluster, ['spec', 'plugins'])).map((p, index) => {
    const r = asRecord(p) ?? {};
    return {
      index,
      name: asString(r.name),
      enabled: r.enabled !== false,
      isWALArchiver: r.isWALArchiver === true,
      parameters: asRecord(r.parameters) ?? {},
    };
  });
}

export function enabledPlugins(cluster: unknown): PluginEntry[] {
  return pluginsOf(cluster).filter((p) => p.enabled);
}

export function barmanPlugin(cluster: unknown): PluginEntry | undefined {
  return enabledPlugins(cluster).find((p) => p.name === BARMAN_PLUGIN_NAME);
}

export function inTreeStore(cluster: unknown): Record<string, unknown> | undefined {
  return asRecord(getIn(cluster, ['spec', 'backup', 'barmanObjectStore']));
}

export function hasVolumeSnapshots(cluster: unknown): boolean {
  return asRecord(getIn(cluster, ['spec', 'backup', 'volumeSnapshot'])) !== undefined;
}

export interface ExternalClusterEntry {
  index: number;
  name: string | undefined;
  value: Record<string, unknown>;
}

export function externalClustersOf(cluster: unknown): ExternalClusterEntry[] {
  return asArray(getIn(cluster, ['spec', 'externalClusters'])).map((e, index) => {
    const value = asRecord(e) ?? {};
    return { index, name: asString(value.name), value };
  });
}

/** The cluster's name as the plugin and in-tree archiver default `serverName` to. */
export function clusterName(cluster: unknown): string | undefined {
  return asString(getIn(cluster, ['metadata', 'name']));
}
