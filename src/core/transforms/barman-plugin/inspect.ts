// What a Cluster's in-tree Barman configuration says, read from its plain value: the stores to move,
// their serverNames (explicit or the in-tree default), and where the cluster archives and restores.
import { asRecord, asString, getIn } from '../../model/resource';
import type { Resource } from '../../model/resource';
import type { PathSegment } from '../../yaml/parse';
import { externalClustersOf } from '../../cnpg/cluster';

export interface InTreeStore {
  /** Path of the `barmanObjectStore` key in the Cluster. */
  path: PathSegment[];
  /** The block's value without `serverName` (what becomes ObjectStore.spec.configuration). */
  configuration: Record<string, unknown>;
  /** The explicit `serverName`, when there is one. */
  serverName: string | undefined;
}

export interface ExternalStore extends InTreeStore {
  index: number;
  externalName: string;
  /** The external cluster also has a `plugin` block (which wins for recovery). */
  hasPlugin: boolean;
}

export interface ClusterInTree {
  primary: InTreeStore | undefined;
  retentionPolicy: unknown;
  externals: ExternalStore[];
}

export function readInTree(cluster: Resource): ClusterInTree {
  const v = cluster.value;
  const store = asRecord(getIn(v, ['spec', 'backup', 'barmanObjectStore']));
  const primary = store ? toStore(['spec', 'backup', 'barmanObjectStore'], store) : undefined;
  const externals: ExternalStore[] = [];
  for (const ext of externalClustersOf(v)) {
    const s = asRecord(ext.value.barmanObjectStore);
    if (!s) continue;
    externals.push({
      ...toStore(['spec', 'externalClusters', ext.index, 'barmanObjectStore'], s),
      index: ext.index,
      externalName: ext.name ?? String(ext.index),
      hasPlugin: asRecord(ext.value.plugin) !== undefined,
    });
  }
  return { primary, retentionPolicy: getIn(v, ['spec', 'backup', 'retentionPolicy']), externals };
}

export function hasInTree(cluster: Resource): boolean {
  const t = readInTree(cluster);
  return t.primary !== undefined || t.externals.length > 0;
}

function toStore(path: PathSegment[], store: Record<string, unknown>): InTreeStore {
  const { serverName, ...configuration } = store;
  return { path, configuration, serverName: asString(serverName) ?? (serverName === undefined || serverName === null ? undefined : String(serverName)) };
}

/** `<destinationPath>/<serverName>`, the folder barman-cloud writes to (cnpg-facts.md §b serverName continuity). */
export function folderOf(destinationPath: unknown, serverName: string | undefined): string | undefined {
  const dest = asString(destinationPath);
  if (dest === undefined || serverName === undefined) return undefined;
  return `${dest.replace(/\/+$/, '')}/${serverName}`;
}
