// Where each watched kind lives in the API, and what a missing API means for it.
import type { WatchedKind } from './types';

export interface KindSpec {
  key: WatchedKind | 'namespaces';
  group: string;
  version: string;
  plural: string;
  kind: string;
  /** Only objects with these labels (pods: CNPG instances only). */
  labelSelector?: string;
  /** A missing API is normal (optional add-on): "none", not an error. */
  optional: boolean;
}

export const CNPG_NOT_INSTALLED = (resource: string) => `CloudNativePG is not installed in this cluster (no ${resource} API)`;

export const KIND_SPECS: Record<WatchedKind, KindSpec> = {
  clusters: { key: 'clusters', group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', kind: 'Cluster', optional: false },
  backups: { key: 'backups', group: 'postgresql.cnpg.io', version: 'v1', plural: 'backups', kind: 'Backup', optional: false },
  scheduledBackups: { key: 'scheduledBackups', group: 'postgresql.cnpg.io', version: 'v1', plural: 'scheduledbackups', kind: 'ScheduledBackup', optional: false },
  // The Barman Cloud plugin is optional: without it there are simply no ObjectStores.
  objectStores: { key: 'objectStores', group: 'barmancloud.cnpg.io', version: 'v1', plural: 'objectstores', kind: 'ObjectStore', optional: true },
  pods: { key: 'pods', group: '', version: 'v1', plural: 'pods', kind: 'Pod', labelSelector: 'cnpg.io/cluster', optional: false },
  // Zalando is only there when migrating from it.
  zalando: { key: 'zalando', group: 'acid.zalan.do', version: 'v1', plural: 'postgresqls', kind: 'postgresql', optional: true },
};

/** Watched only when listing a kind across all namespaces is forbidden (the per-namespace fallback). */
export const NAMESPACE_SPEC: KindSpec = { key: 'namespaces', group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', optional: false };

export const ALL_KINDS: WatchedKind[] = ['clusters', 'backups', 'scheduledBackups', 'objectStores', 'pods', 'zalando'];

export function apiVersionOf(spec: { group: string; version: string }): string {
  return spec.group ? `${spec.group}/${spec.version}` : spec.version;
}

/** `clusters.postgresql.cnpg.io`, or `pods` for the core group. */
export function qualifiedResource(spec: { group: string; plural: string }): string {
  return spec.group ? `${spec.plural}.${spec.group}` : spec.plural;
}

/** The collection path, in one namespace or across all. */
export function collectionPath(spec: { group: string; version: string; plural: string }, namespace: string | undefined): string {
  const base = spec.group ? `/apis/${spec.group}/${spec.version}` : `/api/${spec.version}`;
  return namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${spec.plural}` : `${base}/${spec.plural}`;
}
