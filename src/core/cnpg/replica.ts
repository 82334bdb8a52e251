// Whether a Cluster is a replica cluster, the way the operator's Cluster.IsReplica decides it.
import { asRecord, asString, getIn, isSubstituted } from '../model/resource';

/**
 * `spec.replica.enabled` decides when set; otherwise (distributed topology) the cluster is a replica
 * unless `replica.primary` names itself (`replica.self`, defaulting to metadata.name).
 * Undefined when that comparison depends on a `${...}` value.
 */
export function isReplicaCluster(cluster: unknown): boolean | undefined {
  const replica = asRecord(getIn(cluster, ['spec', 'replica']));
  if (!replica) return false;
  if (typeof replica.enabled === 'boolean') return replica.enabled;
  if (replica.enabled !== undefined) return undefined;
  const self = asString(replica.self) ?? asString(getIn(cluster, ['metadata', 'name']));
  const primary = asString(replica.primary) ?? '';
  if (self === undefined || isSubstituted(self) || isSubstituted(primary)) return undefined;
  return self !== primary;
}

/** The annotation that turns WAL archiving off (`archive_mode = off`). */
export const SKIP_WAL_ARCHIVING = 'cnpg.io/skipWalArchiving';

export function walArchivingDisabled(cluster: unknown): boolean {
  return asString(getIn(cluster, ['metadata', 'annotations', SKIP_WAL_ARCHIVING])) === 'enabled';
}
