// Archive and recovery locations of the Cluster being checked, read through the rule context so the
// linter records what they depend on (the ObjectStores).
import type { Resource } from '../../model/resource';
import { clusterArchiveLocations, recoverySource, sameLocation, type ArchiveLocations, type RecoverySource, type StoreLocation } from '../../cnpg/archive';
import type { RuleContext } from '../types';

export function lookupOf(ctx: RuleContext) {
  return (kind: string, namespace: string | undefined, name: string) => ctx.workspace.find(kind, namespace, name);
}

export function archivesOf(ctx: RuleContext, cluster: Resource): ArchiveLocations {
  return clusterArchiveLocations(cluster, lookupOf(ctx));
}

export function recoveryOf(ctx: RuleContext, cluster: Resource): RecoverySource | undefined {
  return recoverySource(cluster, lookupOf(ctx));
}

/** The archive location that is also the Cluster's recovery source, if any (recovery-archives-into-source). */
export function archiveIntoSource(ctx: RuleContext, cluster: Resource): { source: RecoverySource; archive: StoreLocation } | undefined {
  const source = recoveryOf(ctx, cluster);
  if (!source || source.location.kind !== 'known') return undefined;
  const from = source.location.location;
  const archive = archivesOf(ctx, cluster).locations.find((l) => sameLocation(l, from));
  return archive ? { source, archive } : undefined;
}

/** "plugin parameters.serverName" / "barmanObjectStore.serverName" for messages. */
export function serverNameKey(l: StoreLocation): string {
  return l.via === 'plugin' ? 'the plugin\'s parameters.serverName' : 'barmanObjectStore.serverName';
}

export function archiveConfig(l: StoreLocation): string {
  return l.via === 'plugin' ? `the Barman Cloud Plugin (ObjectStore "${l.objectStore?.name ?? '?'}")` : 'in-tree spec.backup.barmanObjectStore';
}
