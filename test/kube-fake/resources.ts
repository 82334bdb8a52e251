// The resource types the fake API server serves, with the discovery data a real server publishes.
// CRD names, scopes and subresources follow the CRDs in shared/crds (CNPG v1.30.0, plugin v0.14.0,
// Zalando v2.0.1); built-in types follow Kubernetes 1.33.

export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** The type has a `/status` subresource: main writes ignore status, `/status` writes only status. */
  status: boolean;
  scale?: boolean;
  /** Built-in types omit kind/apiVersion on list items; custom resources keep them. */
  builtIn: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], status: true, builtIn: true },
  { group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], status: true, builtIn: true },
  { group: '', version: 'v1', plural: 'secrets', singular: 'secret', kind: 'Secret', namespaced: true, status: false, builtIn: true },
  { group: '', version: 'v1', plural: 'configmaps', singular: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], status: false, builtIn: true },
  { group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], status: true, scale: true, builtIn: true },
  { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', singular: 'cluster', kind: 'Cluster', namespaced: true, status: true, scale: true, builtIn: false },
  { group: 'postgresql.cnpg.io', version: 'v1', plural: 'backups', singular: 'backup', kind: 'Backup', namespaced: true, status: true, builtIn: false },
  { group: 'postgresql.cnpg.io', version: 'v1', plural: 'scheduledbackups', singular: 'scheduledbackup', kind: 'ScheduledBackup', namespaced: true, status: true, builtIn: false },
  { group: 'postgresql.cnpg.io', version: 'v1', plural: 'poolers', singular: 'pooler', kind: 'Pooler', namespaced: true, status: true, scale: true, builtIn: false },
  { group: 'barmancloud.cnpg.io', version: 'v1', plural: 'objectstores', singular: 'objectstore', kind: 'ObjectStore', namespaced: true, status: true, builtIn: false },
  { group: 'acid.zalan.do', version: 'v1', plural: 'postgresqls', singular: 'postgresql', kind: 'postgresql', namespaced: true, shortNames: ['pg'], categories: ['all'], status: true, builtIn: false },
];

export function apiVersionOf(rt: ResourceType): string {
  return rt.group === '' ? rt.version : `${rt.group}/${rt.version}`;
}

/** `clusters.postgresql.cnpg.io`, or `pods` for the core group: how the server names a resource in messages. */
export function qualifiedName(rt: ResourceType): string {
  return rt.group === '' ? rt.plural : `${rt.plural}.${rt.group}`;
}

/** One `APIResource` entry and its subresource entries, as `/api/v1` or `/apis/<g>/<v>` list them. */
export function discoveryEntries(rt: ResourceType): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: rt.plural,
    singularName: rt.singular,
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: ALL_VERBS,
  };
  if (rt.shortNames) main.shortNames = rt.shortNames;
  if (rt.categories) main.categories = rt.categories;
  if (!rt.builtIn) main.storageVersionHash = Buffer.from(`${rt.group}/${rt.version}/${rt.kind}`).toString('base64').slice(0, 11);
  const entries = [main];
  if (rt.status) entries.push({ name: `${rt.plural}/status`, singularName: '', namespaced: rt.namespaced, kind: rt.kind, verbs: ['get', 'patch', 'update'] });
  if (rt.scale) {
    entries.push({ name: `${rt.plural}/scale`, singularName: '', namespaced: rt.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  }
  return entries;
}
