// Where a Cluster's WAL and base backups land in object storage, and where a recovery reads from.
// Both in-tree Barman Cloud and the Barman Cloud Plugin write to `<destinationPath>/<serverName>/`
// (barman-cloud pkg/archiver; cnpg-facts.md §b "serverName continuity"). serverName defaults:
// - the Cluster's own archive (in-tree `barmanObjectStore` or `spec.plugins[]`): the Cluster's name;
// - an in-tree external cluster (`externalClusters[].barmanObjectStore`): the EXTERNAL cluster's name;
// - a plugin external cluster (`externalClusters[].plugin`): the RESTORING Cluster's own name.
// Anything hidden by a `${...}` substitution, or an ObjectStore that is missing or ambiguous, is unknown.
import { asArray, asRecord, asString, getIn, isSubstituted, type Resource } from '../model/resource';
import type { FindResult } from '../model/workspace';
import type { PathSegment } from '../yaml/parse';
import { BARMAN_PLUGIN_NAME } from './constants';

export type Lookup = (kind: string, namespace: string | undefined, name: string) => FindResult;

export interface StoreLocation {
  /** destinationPath without trailing slashes. */
  destinationPath: string;
  /** endpointURL with scheme and host lowercased and no trailing slash; undefined = the provider's default. */
  endpoint: string | undefined;
  serverName: string;
  /** True when serverName is a default, not written. */
  serverNameDefaulted: boolean;
  via: 'in-tree' | 'plugin';
  /** The key that configures this location in the Cluster (serverName when written, else the store). */
  configPath: PathSegment[];
  /** The ObjectStore a plugin location was read from. */
  objectStore?: Resource;
  /**
   * The endpointURL is a `${...}` substitution (then `endpoint` holds it as written): only a
   * location read from this very ObjectStore is known to share it.
   */
  endpointOf?: Resource;
}

/** A location that is known, unknown (substitution, missing store, third-party plugin), or absent. */
export type Located = { kind: 'known'; location: StoreLocation } | { kind: 'unknown'; reason: string } | { kind: 'none' };

const UNKNOWN = (reason: string): Located => ({ kind: 'unknown', reason });

export function normalizeDestinationPath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/?$/i.test(trimmed) ? path.trim() : trimmed;
}

export function normalizeEndpoint(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/i.exec(url.trim());
  if (!m) return url.trim().replace(/\/+$/, '');
  return `${m[1].toLowerCase()}${m[2].toLowerCase()}${m[3].replace(/\/+$/, '')}`;
}

/** Same folder of the same store: endpoint, destinationPath and serverName all equal. */
export function sameLocation(a: StoreLocation, b: StoreLocation): boolean {
  if (a.endpointOf !== b.endpointOf) return false;
  return a.endpoint === b.endpoint && a.destinationPath === b.destinationPath && a.serverName === b.serverName;
}

export function describeLocation(l: StoreLocation): string {
  return `${l.destinationPath}/${l.serverName}/${l.endpoint ? ` on ${l.endpoint}` : ''}`;
}

function known(value: unknown): string | undefined {
  const s = asString(value);
  return s !== undefined && s !== '' && !isSubstituted(s) ? s : undefined;
}

/** Reads a BarmanObjectStoreConfiguration (in-tree block or ObjectStore.spec.configuration). */
function fromConfiguration(
  config: Record<string, unknown>,
  serverName: unknown,
  defaultServerName: string | undefined,
  rest: Pick<StoreLocation, 'via' | 'objectStore'> & { storePath: PathSegment[]; serverNamePath: PathSegment[] },
): Located {
  const destinationPath = known(config.destinationPath);
  if (destinationPath === undefined) return UNKNOWN('destinationPath is not a known string');
  const endpointRaw = config.endpointURL;
  // A substituted endpoint is the same at deploy time for every reader of one ObjectStore object,
  // and unknown otherwise (two stores may get different values for the same variable).
  const substitutedEndpoint = typeof endpointRaw === 'string' && isSubstituted(endpointRaw) && rest.objectStore ? rest.objectStore : undefined;
  if (endpointRaw !== undefined && endpointRaw !== null && known(endpointRaw) === undefined && !substitutedEndpoint) return UNKNOWN('endpointURL is not a known string');
  // CNPG's in-tree readers (GetServerName, the archiver) treat an empty serverName as unset.
  const written = serverName !== undefined && serverName !== null && serverName !== '';
  const name = written ? known(serverName) : defaultServerName;
  if (name === undefined) return UNKNOWN('serverName is not known');
  return {
    kind: 'known',
    location: {
      destinationPath: normalizeDestinationPath(destinationPath),
      endpoint: substitutedEndpoint ? (endpointRaw as string) : known(endpointRaw) === undefined ? undefined : normalizeEndpoint(known(endpointRaw)!),
      endpointOf: substitutedEndpoint,
      serverName: name,
      serverNameDefaulted: !written,
      via: rest.via,
      configPath: written ? rest.serverNamePath : rest.storePath,
      objectStore: rest.objectStore,
    },
  };
}

function objectStoreConfig(name: unknown, namespace: string | undefined, lookup: Lookup): { store: Resource; config: Record<string, unknown> } | string {
  const storeName = known(name);
  if (storeName === undefined) return 'barmanObjectName is not a known string';
  const found = lookup('ObjectStore', namespace, storeName);
  if (!found.resource) return found.ambiguous ? `ObjectStore "${storeName}" is ambiguous` : `ObjectStore "${storeName}" is not in the workspace`;
  const config = asRecord(getIn(found.resource.value, ['spec', 'configuration']));
  return config ? { store: found.resource, config } : `ObjectStore "${storeName}" has no configuration`;
}

/** The last enabled `spec.plugins[]` entry of the Barman Cloud Plugin (the last one wins, §c rule 11). */
function barmanPluginIndex(cluster: Resource): number | 'unknown' | undefined {
  let index: number | undefined;
  for (const [i, raw] of asArray(getIn(cluster.value, ['spec', 'plugins'])).entries()) {
    const p = asRecord(raw);
    if (!p || p.name !== BARMAN_PLUGIN_NAME) continue;
    if (p.enabled === false) continue;
    if (p.enabled !== undefined && p.enabled !== null && p.enabled !== true) return 'unknown';
    index = i;
  }
  return index;
}

function hasWalArchiverPlugin(cluster: Resource): boolean {
  return asArray(getIn(cluster.value, ['spec', 'plugins'])).some((raw) => {
    const p = asRecord(raw);
    return p !== undefined && p.enabled !== false && p.isWALArchiver === true;
  });
}

export interface ArchiveLocations {
  locations: StoreLocation[];
  /** Some location could not be resolved; comparisons may miss it. */
  unknown: string[];
}

/**
 * Where the Cluster archives. Every enabled Barman Cloud Plugin entry archives (with or without
 * isWALArchiver, §a "Both in-tree and plugin configured"); in-tree archiving is skipped only when
 * some enabled plugin is the declared WAL archiver.
 */
export function clusterArchiveLocations(cluster: Resource, lookup: Lookup): ArchiveLocations {
  const result: ArchiveLocations = { locations: [], unknown: [] };
  const add = (l: Located) => {
    if (l.kind === 'known') result.locations.push(l.location);
    else if (l.kind === 'unknown') result.unknown.push(l.reason);
  };
  const pluginIndex = barmanPluginIndex(cluster);
  if (pluginIndex === 'unknown') result.unknown.push('a Barman Cloud Plugin entry has an unknown `enabled`');
  else if (pluginIndex !== undefined) {
    const path: PathSegment[] = ['spec', 'plugins', pluginIndex, 'parameters'];
    const params = asRecord(getIn(cluster.value, path)) ?? {};
    const store = objectStoreConfig(params.barmanObjectName, cluster.namespace, lookup);
    // Without barmanObjectName the plugin injects no sidecar: nothing is archived (§b).
    if (params.barmanObjectName === undefined) add({ kind: 'none' });
    else if (typeof store === 'string') add(UNKNOWN(store));
    // spec.plugins takes a written serverName as is, even an empty one (config.go NewFromCluster).
    else if (params.serverName === '') add(UNKNOWN('serverName is empty'));
    else {
      add(
        fromConfiguration(store.config, params.serverName, cluster.name, {
          via: 'plugin',
          objectStore: store.store,
          storePath: [...path, 'barmanObjectName'],
          serverNamePath: [...path, 'serverName'],
        }),
      );
    }
  }
  const inTree = asRecord(getIn(cluster.value, ['spec', 'backup', 'barmanObjectStore']));
  if (inTree && !hasWalArchiverPlugin(cluster)) {
    add(
      fromConfiguration(inTree, inTree.serverName, cluster.name, {
        via: 'in-tree',
        storePath: ['spec', 'backup', 'barmanObjectStore'],
        serverNamePath: ['spec', 'backup', 'barmanObjectStore', 'serverName'],
      }),
    );
  }
  return result;
}

export interface ExternalClusterRef {
  index: number;
  name: string;
  value: Record<string, unknown>;
}

/** The external cluster named `name`; undefined when missing or listed twice (the webhook rejects duplicates). */
export function externalClusterNamed(cluster: Resource, name: string): ExternalClusterRef | undefined {
  const matches = asArray(getIn(cluster.value, ['spec', 'externalClusters']))
    .map((raw, index) => ({ index, value: asRecord(raw) ?? {} }))
    .filter((e) => e.value.name === name);
  return matches.length === 1 ? { ...matches[0], name } : undefined;
}

/** Where an external cluster's backups are read from. The plugin block wins over barmanObjectStore (§a). */
export function externalClusterLocation(cluster: Resource, ext: ExternalClusterRef, lookup: Lookup): Located {
  const base: PathSegment[] = ['spec', 'externalClusters', ext.index];
  const plugin = asRecord(ext.value.plugin);
  if (plugin) {
    if (plugin.name !== BARMAN_PLUGIN_NAME) return UNKNOWN('the external cluster uses another plugin');
    const params = asRecord(plugin.parameters) ?? {};
    const store = objectStoreConfig(params.barmanObjectName, cluster.namespace, lookup);
    if (typeof store === 'string') return UNKNOWN(store);
    // The plugin treats an empty serverName like a missing one here (config.go NewFromCluster).
    return fromConfiguration(store.config, params.serverName, cluster.name, {
      via: 'plugin',
      objectStore: store.store,
      storePath: [...base, 'plugin', 'parameters', 'barmanObjectName'],
      serverNamePath: [...base, 'plugin', 'parameters', 'serverName'],
    });
  }
  const inTree = asRecord(ext.value.barmanObjectStore);
  if (inTree) {
    return fromConfiguration(inTree, inTree.serverName, ext.name, {
      via: 'in-tree',
      storePath: [...base, 'barmanObjectStore'],
      serverNamePath: [...base, 'barmanObjectStore', 'serverName'],
    });
  }
  return { kind: 'none' };
}

export interface RecoverySource {
  ext: ExternalClusterRef;
  location: Located;
}

/**
 * The object-store source of `bootstrap.recovery.source`. Undefined when the recovery names a
 * Backup or volume snapshots instead (their location is not in the manifest), or names no
 * single external cluster.
 */
export function recoverySource(cluster: Resource, lookup: Lookup): RecoverySource | undefined {
  const recovery = asRecord(getIn(cluster.value, ['spec', 'bootstrap', 'recovery']));
  if (!recovery || recovery.backup !== undefined || recovery.volumeSnapshots !== undefined) return undefined;
  const source = known(recovery.source);
  if (source === undefined) return undefined;
  const ext = externalClusterNamed(cluster, source);
  return ext ? { ext, location: externalClusterLocation(cluster, ext, lookup) } : undefined;
}
