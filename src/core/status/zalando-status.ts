// Where a Zalando `postgresql` cluster stands in its move to CNPG, found from the CNPG Clusters that
// connect to its services (cnpg-facts.md §f "Zalando naming", "Paths").
import type { KubeObject } from '../../kube/types';
import { externalClustersOf } from '../cnpg/cluster';
import { asRecord, asString, getIn } from '../model/resource';
import { worst, type Severity, type StatusIssue } from './issues';
import { conditionOf, numberAt, stringAt } from './objects';

export type ZalandoMigration = 'not-migrated' | 'import' | 'replica-streaming' | 'replica-not-ready' | 'promoted';

export interface ZalandoLink {
  /** The CNPG Cluster that reads from the Zalando cluster. */
  namespace: string;
  name: string;
  via: 'import' | 'replica' | 'promoted';
  ready: boolean | undefined;
  externalCluster: string;
}

export interface ZalandoStatus {
  name: string;
  namespace: string;
  /** status.PostgresClusterStatus: Running, Creating, Updating, UpdateFailed, SyncFailed, CreateFailed, Invalid. */
  phase: string | undefined;
  instances: number | undefined;
  version: string | undefined;
  teamId: string | undefined;
  migration: ZalandoMigration;
  links: ZalandoLink[];
  issues: StatusIssue[];
  severity: Severity;
}

const FAILED = new Set(['UpdateFailed', 'SyncFailed', 'CreateFailed', 'Invalid']);
const ORDER: Record<ZalandoLink['via'], number> = { import: 1, replica: 2, promoted: 3 };

export function zalandoStatus(pg: KubeObject, cnpgClusters: KubeObject[]): ZalandoStatus {
  const name = pg.metadata.name;
  const namespace = pg.metadata.namespace ?? '';
  const phase = stringAt(pg, ['status', 'PostgresClusterStatus']);
  const links = cnpgClusters.flatMap((c) => linksTo(c, name, namespace));
  links.sort((a, b) => ORDER[b.via] - ORDER[a.via] || a.name.localeCompare(b.name));
  const best = links[0];
  let migration: ZalandoMigration = 'not-migrated';
  if (best?.via === 'promoted') migration = 'promoted';
  else if (best?.via === 'replica') migration = best.ready === false ? 'replica-not-ready' : 'replica-streaming';
  else if (best?.via === 'import') migration = 'import';

  const issues: StatusIssue[] = [];
  if (phase && FAILED.has(phase)) issues.push({ code: 'zalando-failed', severity: 'error', message: `The Zalando operator reports ${phase}.` });
  if (migration === 'replica-not-ready') {
    issues.push({ code: 'zalando-replica-not-ready', severity: 'warning', message: `CNPG replica cluster ${best!.namespace}/${best!.name} is not ready: it is not streaming from this cluster.` });
  }
  if (migration === 'promoted' || (migration === 'import' && best!.ready === true)) {
    const what = migration === 'promoted' ? 'was promoted' : 'imported its data and is ready';
    issues.push({ code: 'zalando-migrated', severity: 'info', message: `CNPG cluster ${best!.namespace}/${best!.name} ${what}: retire this Zalando cluster once clients have moved.` });
  }
  return {
    name,
    namespace,
    phase,
    instances: numberAt(pg, ['spec', 'numberOfInstances']),
    version: stringAt(pg, ['spec', 'postgresql', 'version']) ?? (typeof getIn(pg, ['spec', 'postgresql', 'version']) === 'number' ? String(getIn(pg, ['spec', 'postgresql', 'version'])) : undefined),
    teamId: stringAt(pg, ['spec', 'teamId']),
    migration,
    links,
    issues,
    severity: worst(issues.map((i) => i.severity)),
  };
}

/** How a CNPG Cluster uses the Zalando cluster `<name>` in `<namespace>`, through each matching external cluster. */
export function linksTo(cluster: KubeObject, name: string, namespace: string): ZalandoLink[] {
  const ns = cluster.metadata.namespace ?? '';
  const spec = cluster.spec ?? {};
  const importSource = asString(getIn(spec, ['bootstrap', 'initdb', 'import', 'source', 'externalCluster']));
  const basebackupSource = asString(getIn(spec, ['bootstrap', 'pg_basebackup', 'source']));
  const replica = asRecord(spec.replica);
  const replicaSource = asString(replica?.source);
  const replicaEnabled = replica?.enabled === true;
  const readyCond = conditionOf(cluster, 'Ready');
  const ready = readyCond ? readyCond.status === 'True' : undefined;
  const links: ZalandoLink[] = [];
  for (const ext of externalClustersOf(cluster)) {
    if (!ext.name || !hostPointsAt(asString(getIn(ext.value, ['connectionParameters', 'host'])), name, namespace, ns)) continue;
    let via: ZalandoLink['via'] | undefined;
    if (replicaEnabled && (replicaSource === ext.name || (!replicaSource && basebackupSource === ext.name))) via = 'replica';
    else if (basebackupSource === ext.name || replicaSource === ext.name) via = 'promoted';
    else if (importSource === ext.name) via = 'import';
    if (via) links.push({ namespace: ns, name: cluster.metadata.name, via, ready, externalCluster: ext.name });
  }
  return links;
}

/**
 * Does `host` name the Zalando primary (`<name>`) or replica (`<name>-repl`) Service?
 * `<svc>` alone resolves only from the same namespace; `<svc>.<ns>`, `<svc>.<ns>.svc` and
 * `<svc>.<ns>.svc.<cluster domain>` resolve from anywhere.
 */
export function hostPointsAt(host: string | undefined, name: string, namespace: string, fromNamespace: string): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  for (const svc of [name, `${name}-repl`].map((s) => s.toLowerCase())) {
    if (h === svc && fromNamespace === namespace) return true;
    const q = `${svc}.${namespace.toLowerCase()}`;
    if (h === q || h === `${q}.svc` || h.startsWith(`${q}.svc.`)) return true;
  }
  return false;
}
