// Rows for one CNPG Cluster: the row itself, its tooltip, and its children (issues, backup
// configuration, recent Backups, ScheduledBackups, instances, plugins, conditions).
import { clusterIcon, describeCluster, needsAttention, severityIcon, type IconChoice } from './describe';
import type { ClusterStatus } from './migration-status';
import type { BackupSummary, ScheduledSummary } from './backups';
import { md } from './objects';
import { duration, relative, utc } from './time';
import type { RowModel, RowTarget } from './tree-types';
import type { ZalandoLink } from './zalando-status';
import { issueTitle } from './titles';

export const CLUSTER_API = 'postgresql.cnpg.io/v1';

const ARCH_TOKEN: Record<ClusterStatus['config']['architecture'], string> = {
  'in-tree': 'inTree',
  mixed: 'mixed',
  plugin: 'plugin',
  'volume-snapshot': 'snapshot',
  none: 'noBackup',
};

export function clusterContextValue(s: ClusterStatus): string {
  const tokens = ['cnpg.cluster', ARCH_TOKEN[s.config.architecture]];
  if (s.config.architecture === 'in-tree' || s.config.architecture === 'mixed') tokens.push('migratable');
  if (needsAttention(s)) tokens.push('attention');
  return tokens.join('+');
}

export function clusterRow(context: string, s: ClusterStatus, now: number, origin: ZalandoLinkFrom | undefined, maxBackups: number): RowModel {
  const id = `ctx/${context}/ns/${s.namespace}/cluster/${s.name}`;
  const target: RowTarget = { context, namespace: s.namespace, name: s.name, apiVersion: CLUSTER_API, kind: 'Cluster' };
  const leaf = (suffix: string, kind: RowModel['kind'], label: string, description?: string, icon?: IconChoice, tooltip?: string, contextValue = `cnpg.${kind}`): RowModel => ({
    id: `${id}/${suffix}`,
    kind,
    label,
    description,
    icon,
    tooltip,
    contextValue,
    expanded: undefined,
    children: [],
    target,
  });
  const group = (suffix: string, label: string, description: string | undefined, icon: string, children: RowModel[]): RowModel => ({
    id: `${id}/${suffix}`,
    kind: 'group',
    label,
    description,
    icon: { id: icon, color: undefined },
    contextValue: `cnpg.group+${suffix}`,
    expanded: children.length > 0 ? false : undefined,
    children,
    target,
  });

  const children: RowModel[] = s.issues.map((issue, i) => leaf(`issue/${i}`, 'issue', issueTitle(issue), undefined, severityIcon(issue.severity), md(issue.message), `cnpg.issue+${issue.code}`));
  children.push(group('config', 'Backup configuration', architectureWords(s), 'gear', configRows(s, origin, now).map(([k, v], i) => leaf(`config/${i}`, 'detail', k, v, undefined, md(`${k}: ${v}`)))));
  const backups = (s.backups ?? []).slice(0, maxBackups);
  children.push(group('backups', 'Backups', s.backups === undefined ? 'not readable' : `${s.backups.length}`, 'archive', backups.map((b) => backupRow(leaf, target, b, now))));
  children.push(group('scheduled', 'Scheduled backups', s.scheduled === undefined ? 'not readable' : `${s.scheduled.length}`, 'calendar', (s.scheduled ?? []).map((x) => scheduledRow(leaf, target, x, now))));
  const instances = s.instanceList;
  children.push(
    group('instances', 'Instances', instances === undefined ? 'not readable' : `${instances.filter((i) => i.ready).length}/${instances.length} ready`, 'server',
      (instances ?? []).map((p) => {
        const sidecar = s.config.plugin?.barmanObjectName && !p.hasBarmanSidecar ? 'no barman sidecar' : undefined;
        const desc = [p.role, p.ready ? 'ready' : 'not ready', p.restarts > 0 ? `${p.restarts} restarts` : undefined, sidecar].filter(Boolean).join(' · ');
        const icon = p.ready && !sidecar ? { id: p.role === 'primary' ? 'star-full' : 'circle-filled', color: 'testing.iconPassed' } : severityIcon('warning');
        return { ...leaf(`instance/${p.pod}`, 'instance', p.pod, desc, icon, md(`${p.pod}: ${desc}${p.phase ? ` (${p.phase})` : ''}`)), target: { context, namespace: s.namespace, name: p.pod, apiVersion: 'v1', kind: 'Pod' } };
      }),
    ),
  );
  if (s.plugins.length > 0 || s.config.plugin) {
    children.push(group('plugins', 'Plugin status', `${s.plugins.length} loaded`, 'plug', s.plugins.map((p) => {
      const caps = [...p.capabilities, ...p.walCapabilities, ...p.backupCapabilities].join(', ');
      return leaf(`plugin/${p.name}`, 'plugin', p.name, [p.version, p.status].filter(Boolean).join(' · '), { id: 'plug', color: undefined }, md(`${p.name} ${p.version ?? ''}${caps ? `: ${caps}` : ''}`));
    })));
  }
  children.push(group('conditions', 'Conditions', undefined, 'checklist', s.conditions.map((c) => {
    const icon = c.status === 'True' ? { id: 'pass', color: 'testing.iconPassed' } : c.status === 'False' ? { id: 'circle-slash', color: 'problemsWarningIcon.foreground' } : { id: 'question', color: undefined };
    const tip = `${c.type} ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}${c.lastTransitionTime !== undefined ? `, since ${utc(c.lastTransitionTime)}` : ''}`;
    return leaf(`condition/${c.type}`, 'condition', c.type, [c.status, c.reason].filter(Boolean).join(' · '), icon, md(tip));
  })));

  return {
    id,
    kind: 'cluster',
    label: s.name,
    description: describeCluster(s, now),
    tooltip: clusterTooltip(context, s, now, origin),
    icon: clusterIcon(s),
    contextValue: clusterContextValue(s),
    expanded: false,
    children,
    target,
  };
}

export interface ZalandoLinkFrom {
  zalandoNamespace: string;
  zalandoName: string;
  via: ZalandoLink['via'];
}

type Leaf = (suffix: string, kind: RowModel['kind'], label: string, description?: string, icon?: IconChoice, tooltip?: string, contextValue?: string) => RowModel;

function backupRow(leaf: Leaf, base: RowTarget, b: BackupSummary, now: number): RowModel {
  const took = b.startedAt !== undefined && b.stoppedAt !== undefined ? duration(b.stoppedAt - b.startedAt) : undefined;
  const method = b.method === 'plugin' && b.pluginName ? `plugin ${b.pluginName}` : b.method;
  const desc = [b.phase ?? 'pending', b.method, took, b.time !== undefined ? relative(b.time, now) : undefined, b.outcome === 'failed' ? b.error : undefined].filter(Boolean).join(' · ');
  const icon: IconChoice =
    b.outcome === 'completed' ? { id: 'pass', color: 'testing.iconPassed' } : b.outcome === 'failed' ? severityIcon('error') : { id: b.outcome === 'running' ? 'sync~spin' : 'clock', color: undefined };
  const tip = [
    `Backup ${b.name}: ${b.phase ?? 'pending'}`,
    `method ${method}`,
    b.startedAt !== undefined ? `started ${utc(b.startedAt)}` : undefined,
    b.stoppedAt !== undefined ? `stopped ${utc(b.stoppedAt)}` : undefined,
    took ? `took ${took}` : undefined,
    b.scheduledBy ? `by ScheduledBackup ${b.scheduledBy}` : undefined,
    b.podName ? `on ${b.podName}` : undefined,
    b.backupId ? `backup id ${b.backupId}` : undefined,
    b.error ? `error: ${b.error}` : undefined,
  ].filter(Boolean).map((l) => md(l!)).join('  \n');
  return { ...leaf(`backup/${b.name}`, 'backup', b.name, desc, icon, tip, `cnpg.backup+${b.outcome}`), target: { ...base, name: b.name, kind: 'Backup' } };
}

function scheduledRow(leaf: Leaf, base: RowTarget, s: ScheduledSummary, now: number): RowModel {
  const r = s.reading;
  const desc = [
    s.schedule ?? '(no schedule)',
    r.fiveField ? 'five fields: seconds first' : undefined,
    r.cadence,
    s.suspended ? 'suspended' : s.nextRun !== undefined ? `next ${relative(s.nextRun, now)}` : undefined,
    s.problem ? 'backups will fail' : undefined,
  ].filter(Boolean).join(' · ');
  const icon = s.problem && !s.suspended ? severityIcon('error') : r.fiveField ? severityIcon('warning') : { id: 'calendar', color: undefined };
  const tip = [
    `ScheduledBackup ${s.name}: "${s.schedule ?? ''}"`,
    r.cadence ? `runs ${r.cadence} (UTC)` : undefined,
    r.warning,
    `method ${s.method}${s.pluginName ? ` (${s.pluginName})` : ''}${s.immediate ? ', immediate first backup' : ''}`,
    s.lastScheduleTime !== undefined ? `last run ${utc(s.lastScheduleTime)}` : undefined,
    s.nextRun !== undefined && !s.suspended ? `next run ${utc(s.nextRun)}` : undefined,
    s.suspended ? 'suspended' : undefined,
    s.problem,
  ].filter(Boolean).map((l) => md(l!)).join('  \n');
  const contextValue = ['cnpg.scheduledBackup', r.fiveField ? 'fiveField' : undefined, s.problem ? 'broken' : undefined].filter(Boolean).join('+');
  return { ...leaf(`scheduled/${s.name}`, 'scheduled', s.name, desc, icon, tip, contextValue), target: { ...base, name: s.name, kind: 'ScheduledBackup' } };
}

function architectureWords(s: ClusterStatus): string {
  return { 'in-tree': 'in-tree barmanObjectStore', mixed: 'in-tree and plugin', plugin: 'plugin', 'volume-snapshot': 'volume snapshots', none: 'none' }[s.config.architecture];
}

/** [label, value] pairs for the "Backup configuration" group. */
export function configRows(s: ClusterStatus, origin: ZalandoLinkFrom | undefined, now: number): [string, string][] {
  const rows: [string, string][] = [];
  const c = s.config;
  if (c.inTree) {
    rows.push(['In-tree store', c.inTree.destinationPath ?? '(no destinationPath)']);
    if (c.inTree.endpointURL) rows.push(['Endpoint', c.inTree.endpointURL]);
    rows.push(['serverName', c.inTree.serverName]);
    rows.push(['Retention', c.inTree.retentionPolicy ?? 'none']);
  }
  if (s.removal) rows.push(['Removal', `CloudNativePG ${s.removal.version}${s.removal.removed ? ' (reached)' : ''}, announced by ${s.removal.announcedBy}`]);
  if (c.plugin) {
    const p = c.plugin;
    rows.push(['Plugin', `${p.entry.name}${p.entry.isWALArchiver ? ' (WAL archiver)' : ' (not the WAL archiver)'}`]);
    const state = p.objectStore.state === 'found' ? '' : p.objectStore.state === 'missing' ? ' (missing)' : ` (${p.objectStore.why})`;
    rows.push(['ObjectStore', `${p.barmanObjectName ?? '(no barmanObjectName)'}${state}`]);
    if (p.store) {
      rows.push(['Destination', p.store.destinationPath ?? '(no destinationPath)']);
      if (p.store.endpointURL) rows.push(['Endpoint', p.store.endpointURL]);
      rows.push(['serverName', p.store.serverName]);
      rows.push(['Retention', p.store.retentionPolicy ?? 'none']);
    }
  }
  for (const m of c.misnamed) rows.push(['Unknown plugin', `${m.name} (should be barman-cloud.cloudnative-pg.io)`]);
  for (const o of c.otherPlugins) rows.push(['Plugin', `${o.name}${o.isWALArchiver ? ' (WAL archiver)' : ''}`]);
  for (const e of c.inTreeExternalClusters) rows.push(['External cluster (in-tree)', e]);
  if (c.volumeSnapshot) rows.push(['Volume snapshots', 'configured']);
  if (c.architecture === 'none') rows.push(['Backups', 'none configured']);
  if (s.lastSuccessful) rows.push(['Last successful backup', `${relative(s.lastSuccessful.time, now)} (${utc(s.lastSuccessful.time)}, from ${sourceWords(s.lastSuccessful.source)})`]);
  if (s.firstRecoverabilityPoint !== undefined) rows.push(['Recoverable from', utc(s.firstRecoverabilityPoint)]);
  if (origin) rows.push(['Source', `Zalando ${origin.zalandoNamespace}/${origin.zalandoName} (${origin.via})`]);
  return rows;
}

function sourceWords(source: string): string {
  return { backup: 'Backup', objectStore: 'ObjectStore recovery window', cluster: 'Cluster status', condition: 'condition' }[source] ?? source;
}

function clusterTooltip(context: string, s: ClusterStatus, now: number, origin: ZalandoLinkFrom | undefined): string {
  const lines: string[] = [`**Cluster ${md(s.namespace)}/${md(s.name)}** in context ${md(context)}`];
  const inst = s.instances !== undefined ? `${s.readyInstances ?? '?'}/${s.instances} ready` : undefined;
  lines.push(md([s.phase, inst, s.currentPrimary ? `primary ${s.currentPrimary}` : undefined, s.replicaCluster ? 'replica cluster' : undefined].filter(Boolean).join(' · ')));
  for (const [k, v] of configRows(s, origin, now)) lines.push(`${md(k)}: ${md(v)}`);
  const arch = s.archiving;
  lines.push(`WAL archiving: ${arch.state}${arch.since !== undefined ? ` since ${utc(arch.since)}` : ''}${arch.message ? ` (${md(arch.message)})` : ''}`);
  if (s.issues.length > 0) {
    lines.push('');
    for (const i of s.issues) lines.push(`- $(${severityIcon(i.severity).id}) ${md(i.message)}`);
  }
  return lines.join('  \n');
}
