// The explorer tree as plain rows: context -> (error | summary) + namespace -> cluster / Zalando cluster.
import type { ContextSnapshot, KindState, KubeError, KubeObject, WatchedKind } from '../../kube/types';
import { describeZalando, needsAttention, severityIcon, summarize, summaryLine, type IconChoice } from './describe';
import { clusterStatus, type ClusterStatus } from './migration-status';
import type { ObjectStoresState } from './backup-config';
import { md } from './objects';
import { clusterRow, type ZalandoLinkFrom } from './tree-cluster';
import type { ContextInput, RowModel, RowTarget, TreeOptions } from './tree-types';
import { zalandoStatus, type ZalandoStatus } from './zalando-status';
import { issueTitle } from './titles';
import { TreeCache } from './tree-cache';
import { CLUSTER_LABEL } from '../cnpg/constants';
import { getIn } from '../model/resource';

export const ZALANDO_API = 'acid.zalan.do/v1';

const KIND_WORDS: Record<WatchedKind, string> = {
  clusters: 'Clusters',
  backups: 'Backups',
  scheduledBackups: 'ScheduledBackups',
  objectStores: 'ObjectStores',
  pods: 'Pods',
  zalando: 'Zalando clusters',
};

const ERROR_TITLES: Record<KubeError['reason'], string> = {
  unreachable: 'Cannot reach the API server',
  unauthorized: 'Not authenticated',
  forbidden: 'Not allowed (RBAC)',
  'crd-missing': 'CloudNativePG is not installed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  invalid: 'Invalid request',
  timeout: 'Timed out',
  other: 'Error',
};

export interface ContextContent {
  clusters: ClusterStatus[];
  zalando: ZalandoStatus[];
}

function clusterKeyOfSpec(o: KubeObject): string | undefined {
  const name = getIn(o, ['spec', 'cluster', 'name']);
  return typeof name === 'string' ? `${o.metadata.namespace ?? ''}/${name}` : undefined;
}

function groupBy(objects: KubeObject[] | undefined, key: (o: KubeObject) => string | undefined): Map<string, KubeObject[]> | undefined {
  if (!objects) return undefined;
  const map = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const k = key(o);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(o);
    else map.set(k, [o]);
  }
  return map;
}

/** Status of everything a snapshot holds (the CodeLens and reveal use it too). */
export function contextContent(snapshot: ContextSnapshot, now: number, cache?: TreeCache): ContextContent {
  const list = (k: WatchedKind): KubeObject[] | undefined => (snapshot.kinds[k]?.state === 'ok' ? (snapshot.kinds[k] as { objects: KubeObject[] }).objects : undefined);
  const stores = snapshot.kinds.objectStores;
  const objectStores: ObjectStoresState =
    stores?.state === 'ok'
      ? stores.apiMissing
        ? { state: 'unknown', why: 'crd-missing' }
        : { state: 'ok', objects: stores.objects }
      : { state: 'unknown', why: stores?.state === 'error' ? stores.error.reason : 'loading' };
  const cnpg = list('clusters') ?? [];
  const operatorVersion = snapshot.operator?.version;
  // Index once per snapshot: each cluster then reads only its own objects (linear, not N x M).
  const backups = groupBy(list('backups'), clusterKeyOfSpec);
  const scheduled = groupBy(list('scheduledBackups'), clusterKeyOfSpec);
  const pods = groupBy(list('pods'), (p) => (p.metadata.labels?.[CLUSTER_LABEL] ? `${p.metadata.namespace ?? ''}/${p.metadata.labels[CLUSTER_LABEL]}` : undefined));
  const storesByNs = objectStores.state === 'ok' ? groupBy(objectStores.objects, (o) => o.metadata.namespace ?? '') : undefined;
  const minute = Math.floor(now / 60_000);
  const clusters = cnpg.map((cluster) => {
    const key = `${cluster.metadata.namespace ?? ''}/${cluster.metadata.name}`;
    const stores: ObjectStoresState = storesByNs ? { state: 'ok', objects: storesByNs.get(cluster.metadata.namespace ?? '') ?? [] } : objectStores;
    const input = {
      cluster,
      backups: backups && (backups.get(key) ?? []),
      scheduledBackups: scheduled && (scheduled.get(key) ?? []),
      objectStores: stores,
      pods: pods && (pods.get(key) ?? []),
      operatorVersion,
      now,
    };
    if (!cache) return clusterStatus(input);
    const states = [input.backups, input.scheduledBackups, input.pods, stores.state === 'ok' ? stores.objects : undefined].map((l) => (l ? 'ok' : 'unknown'));
    const extra = `${snapshot.context}|${key}|${operatorVersion ?? ''}|${minute}|${states.join(',')}|${stores.state === 'unknown' ? stores.why : ''}`;
    const cacheKey = TreeCache.keyOf([cluster, ...(input.backups ?? []), ...(input.scheduledBackups ?? []), ...(input.pods ?? []), ...(stores.state === 'ok' ? stores.objects : [])], extra);
    return cache.status(`${snapshot.context}/${key}`, cacheKey, () => clusterStatus(input));
  });
  const zalando = (list('zalando') ?? []).map((pg) => zalandoStatus(pg, cnpg));
  return { clusters, zalando };
}

export function buildTree(contexts: ContextInput[], options: TreeOptions): RowModel[] {
  return contexts.map((c) => contextRow(c, options));
}

export function contextRow(input: ContextInput, options: TreeOptions): RowModel {
  const id = `ctx/${input.name}`;
  const target: RowTarget = { context: input.name };
  const snap = input.snapshot;
  const op = snap?.operator;
  const operatorWords = op?.version ? `operator ${op.version}${op.barmanPlugin.present ? ` · barman plugin ${op.barmanPlugin.version ?? ''}`.trimEnd() : ''}` : undefined;
  const row: RowModel = {
    id,
    kind: 'context',
    label: input.name,
    description: [input.active ? 'active' : undefined, operatorWords].filter(Boolean).join(' · ') || undefined,
    tooltip: [`**Context ${md(input.name)}**`, input.cluster ? `cluster ${md(input.cluster)}` : undefined, input.user ? `user ${md(input.user)}` : undefined, operatorWords ? md(operatorWords) : undefined]
      .filter(Boolean)
      .join('  \n'),
    icon: { id: input.active ? 'vm-active' : 'vm', color: undefined },
    contextValue: `cnpg.context${input.active ? '+active' : ''}`,
    expanded: input.active,
    children: [],
    target,
  };
  if (input.error) {
    row.children = [errorRow(id, target, input.error, 'context')];
    return row;
  }
  if (!snap || snap.kinds.clusters.state === 'loading') {
    row.children = [messageRow(`${id}/loading`, target, 'Loading…', { id: 'loading~spin', color: undefined })];
    return row;
  }
  const clusters = snap.kinds.clusters;
  if (clusters.state === 'error') {
    row.children = [errorRow(id, target, clusters.error, 'clusters')];
    return row;
  }
  const content = contextContent(snap, options.now, options.cache);
  const shown = (ns: string) => options.namespaces.length === 0 || options.namespaces.includes(ns);
  const visibleClusters = content.clusters.filter((c) => shown(c.namespace));
  const visibleZalando = content.zalando.filter((z) => shown(z.namespace));
  const summary = summarize(visibleClusters, visibleZalando);
  const children: RowModel[] = [
    {
      id: `${id}/summary`,
      kind: 'summary',
      label: summaryLine(summary),
      description: attentionWords(summary.attention),
      tooltip: md(`${summaryLine(summary)}${options.namespaces.length > 0 ? ` (namespaces ${options.namespaces.join(', ')})` : ''}`),
      icon: { id: 'graph', color: undefined },
      contextValue: 'cnpg.summary',
      expanded: undefined,
      children: [],
      target,
    },
  ];
  children.push(...partialErrors(id, target, snap));
  const origins = originsOf(content.zalando);
  const namespaces = [...new Set([...visibleClusters.map((c) => c.namespace), ...visibleZalando.map((z) => z.namespace)])].sort();
  for (const ns of namespaces) {
    const nsRows: RowModel[] = [];
    for (const c of visibleClusters.filter((x) => x.namespace === ns).sort((a, b) => a.name.localeCompare(b.name))) {
      if (options.attentionOnly && !needsAttention(c)) continue;
      const origin = origins.get(`${c.namespace}/${c.name}`);
      const build = () => clusterRow(input.name, c, options.now, origin, options.maxBackups ?? 10);
      nsRows.push(options.cache ? options.cache.row(`${input.name}/${c.namespace}/${c.name}`, c, JSON.stringify(origin ?? null), build) : build());
    }
    for (const z of visibleZalando.filter((x) => x.namespace === ns).sort((a, b) => a.name.localeCompare(b.name))) {
      if (options.attentionOnly && !needsAttention(z)) continue;
      nsRows.push(zalandoRow(input.name, z));
    }
    if (nsRows.length === 0) continue;
    const attention = nsRows.filter((r) => r.contextValue.includes('+attention')).length;
    children.push({
      id: `${id}/ns/${ns}`,
      kind: 'namespace',
      label: ns,
      description: attentionWords(attention),
      icon: { id: 'symbol-namespace', color: undefined },
      contextValue: 'cnpg.namespace',
      expanded: true,
      children: nsRows,
      target: { context: input.name, namespace: ns },
    });
  }
  if (options.attentionOnly && !children.some((c) => c.kind === 'namespace')) {
    children.push(messageRow(`${id}/none-attention`, target, 'No cluster needs attention', severityIcon('ok')));
  }
  row.children = children;
  return row;
}

/** CNPG clusters that read from a Zalando cluster, keyed `ns/name`. */
function originsOf(all: ZalandoStatus[]): Map<string, ZalandoLinkFrom> {
  const map = new Map<string, ZalandoLinkFrom>();
  for (const z of all) for (const l of z.links) map.set(`${l.namespace}/${l.name}`, { zalandoNamespace: z.namespace, zalandoName: z.name, via: l.via });
  return map;
}

function zalandoRow(context: string, z: ZalandoStatus): RowModel {
  const id = `ctx/${context}/ns/${z.namespace}/zalando/${z.name}`;
  const target: RowTarget = { context, namespace: z.namespace, name: z.name, apiVersion: ZALANDO_API, kind: 'postgresql' };
  const tokens = ['cnpg.zalando', z.migration.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())];
  if (needsAttention(z)) tokens.push('attention');
  const leaf = (suffix: string, label: string, description: string | undefined, icon: IconChoice | undefined, tooltip?: string): RowModel => ({
    id: `${id}/${suffix}`, kind: 'detail', label, description, icon, tooltip, contextValue: 'cnpg.detail', expanded: undefined, children: [], target,
  });
  const children: RowModel[] = z.issues.map((i, n) => ({ ...leaf(`issue/${n}`, issueTitle(i), undefined, severityIcon(i.severity), md(i.message)), kind: 'issue' as const, contextValue: `cnpg.issue+${i.code}` }));
  for (const l of z.links) {
    children.push(leaf(`link/${l.namespace}/${l.name}`, `${l.namespace}/${l.name}`, `CNPG ${l.via}${l.ready === undefined ? '' : l.ready ? ' · ready' : ' · not ready'}`, { id: 'arrow-right', color: undefined }, md(`CNPG cluster ${l.namespace}/${l.name} reads from this cluster (${l.via}) through external cluster ${l.externalCluster}`)));
  }
  const facts: [string, string | undefined][] = [['Status', z.phase], ['Instances', z.instances?.toString()], ['PostgreSQL', z.version], ['Team', z.teamId]];
  for (const [k, v] of facts) if (v) children.push(leaf(`fact/${k}`, k, v, undefined));
  const icon = z.severity === 'ok' ? { id: 'database', color: undefined } : severityIcon(z.severity);
  return {
    id,
    kind: 'zalando',
    label: z.name,
    description: describeZalando(z),
    tooltip: [`**Zalando postgresql ${md(z.namespace)}/${md(z.name)}**`, md(describeZalando(z)), ...z.issues.map((i) => `- $(${severityIcon(i.severity).id}) ${md(i.message)}`)].join('  \n'),
    icon,
    contextValue: tokens.join('+'),
    expanded: false,
    children,
    target,
  };
}

function errorRow(parentId: string, target: RowTarget, error: KubeError, what: string): RowModel {
  return {
    id: `${parentId}/error/${what}`,
    kind: 'context-error',
    label: ERROR_TITLES[error.reason],
    description: error.message,
    tooltip: `${md(error.message)}${error.status ? ` (HTTP ${error.status})` : ''}  \nUse the refresh button on this row to retry.`,
    icon: severityIcon('error'),
    contextValue: `cnpg.context.error+${error.reason}`,
    expanded: undefined,
    children: [],
    target,
  };
}

/**
 * Kinds that could not be read (all of them, or some namespaces). A missing Zalando or ObjectStore
 * API is normal: no row for it.
 */
function partialErrors(parentId: string, target: RowTarget, snap: ContextSnapshot): RowModel[] {
  const rows: RowModel[] = [];
  for (const [kind, state] of Object.entries(snap.kinds) as [WatchedKind, KindState][]) {
    const errors = state.state === 'error' ? (kind === 'clusters' ? [] : [state.error]) : state.state === 'ok' ? (state.warnings ?? []) : [];
    errors.forEach((error, i) => {
      if (error.reason === 'crd-missing' && (kind === 'zalando' || kind === 'objectStores')) return;
      const row = errorRow(parentId, target, error, `${kind}/${i}`);
      const title = ERROR_TITLES[error.reason];
      row.label = `${KIND_WORDS[kind]}: ${title[0].toLowerCase()}${title.slice(1)}`;
      row.icon = severityIcon('warning');
      row.contextValue = `cnpg.context.error+partial+${error.reason}`;
      rows.push(row);
    });
  }
  return rows;
}

function messageRow(id: string, target: RowTarget, label: string, icon: IconChoice): RowModel {
  return { id, kind: 'message', label, icon, contextValue: 'cnpg.message', expanded: undefined, children: [], target };
}

/** Depth-first search of the rows (reveal, tests). */
export function findRow(rows: RowModel[], pred: (r: RowModel) => boolean): RowModel | undefined {
  for (const r of rows) {
    if (pred(r)) return r;
    const found = findRow(r.children, pred);
    if (found) return found;
  }
  return undefined;
}

function attentionWords(n: number): string | undefined {
  return n === 0 ? undefined : `${n} need${n === 1 ? 's' : ''} attention`;
}
