// Words and icons for a cluster's state: the row description ("plugin · archiving ok · backup 3h ago"),
// the icon, the "needs attention" predicate and the per-context summary line.
import type { ClusterStatus } from './migration-status';
import type { ZalandoStatus } from './zalando-status';
import { atLeast, type Severity } from './issues';
import { relative } from './time';

/** A codicon id and a theme color id; the adapter turns them into ThemeIcon/ThemeColor. */
export interface IconChoice {
  id: string;
  color: string | undefined;
}

const SEVERITY_ICONS: Record<Severity, IconChoice> = {
  ok: { id: 'database', color: 'testing.iconPassed' },
  info: { id: 'database', color: 'problemsInfoIcon.foreground' },
  warning: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  error: { id: 'error', color: 'problemsErrorIcon.foreground' },
};

export function severityIcon(severity: Severity): IconChoice {
  return SEVERITY_ICONS[severity];
}

export function clusterIcon(status: ClusterStatus): IconChoice {
  if (status.severity === 'ok' && status.running) return { id: 'sync~spin', color: 'testing.iconPassed' };
  return severityIcon(status.severity);
}

/** Warnings and errors need attention; info does not. */
export function needsAttention(status: { severity: Severity }): boolean {
  return atLeast(status.severity, 'warning');
}

export function architectureLabel(status: ClusterStatus): string {
  switch (status.config.architecture) {
    case 'in-tree':
      return status.removal ? `in-tree, removal ${short(status.removal.version)}` : 'in-tree';
    case 'mixed':
      return 'mixed in-tree + plugin';
    case 'plugin':
      return status.config.plugin || status.config.misnamed.length > 0 ? 'plugin' : `plugin ${status.config.archivers[0]?.name ?? ''}`.trim();
    case 'volume-snapshot':
      return 'volume snapshots';
    case 'none':
      return 'no backups';
  }
}

export function archivingLabel(status: ClusterStatus): string | undefined {
  switch (status.archiving.state) {
    case 'ok':
      return 'archiving ok';
    case 'failing':
      return 'archiving failing';
    case 'unknown':
      return 'archiving unknown';
    case 'off':
      return undefined;
  }
}

export function backupLabel(status: ClusterStatus, now: number): string | undefined {
  if (status.config.architecture === 'none') return undefined;
  if (status.running && (!status.lastSuccessful || (status.running.time ?? 0) >= status.lastSuccessful.time)) return `backup ${status.running.phase ?? 'pending'}`;
  if (status.lastBackupFailed && status.lastFailed) return `backup failed ${relative(status.lastFailed.time, now)}`;
  if (status.lastSuccessful) return `backup ${relative(status.lastSuccessful.time, now)}`;
  if (status.issues.some((i) => i.code === 'never-backed-up')) return 'never backed up';
  return undefined;
}

/** "plugin · archiving ok · backup 3h ago", with "2/3 ready" first when instances are missing. */
export function describeCluster(status: ClusterStatus, now: number): string {
  const parts: string[] = [];
  if (status.instances !== undefined && status.readyInstances !== undefined && status.readyInstances < status.instances) {
    parts.push(`${status.readyInstances}/${status.instances} ready`);
  }
  parts.push(architectureLabel(status));
  const archiving = archivingLabel(status);
  if (archiving) parts.push(archiving);
  const backup = backupLabel(status, now);
  if (backup) parts.push(backup);
  return parts.join(' · ');
}

export function describeZalando(status: ZalandoStatus): string {
  const link = status.links[0];
  const target = link ? `${link.namespace}/${link.name}` : '';
  const migration: Record<ZalandoStatus['migration'], string> = {
    'not-migrated': 'not migrated',
    import: link?.ready === true ? `imported into ${target}` : `import into ${target}`,
    'replica-streaming': `replica ${target} streaming`,
    'replica-not-ready': `replica ${target} not ready`,
    promoted: `promoted to ${target}`,
  };
  return ['Zalando', status.phase, migration[status.migration]].filter(Boolean).join(' · ');
}

export interface ContextSummary {
  clusters: number;
  inTree: number;
  mixed: number;
  plugin: number;
  other: number;
  /** Clusters with an error-severity issue (archiving failing, last backup failed, broken config). */
  failing: number;
  attention: number;
  zalando: number;
  zalandoNotMigrated: number;
}

export function summarize(clusters: ClusterStatus[], zalando: ZalandoStatus[]): ContextSummary {
  const count = (f: (s: ClusterStatus) => boolean) => clusters.filter(f).length;
  return {
    clusters: clusters.length,
    inTree: count((s) => s.config.architecture === 'in-tree'),
    mixed: count((s) => s.config.architecture === 'mixed'),
    plugin: count((s) => s.config.architecture === 'plugin'),
    other: count((s) => s.config.architecture === 'volume-snapshot' || s.config.architecture === 'none'),
    failing: count((s) => s.severity === 'error'),
    attention: count(needsAttention) + zalando.filter(needsAttention).length,
    zalando: zalando.length,
    zalandoNotMigrated: zalando.filter((z) => z.migration === 'not-migrated').length,
  };
}

/** "5 clusters: 2 in-tree, 1 mixed, 2 plugin · 1 failing · Zalando 2 (1 not migrated)". */
export function summaryLine(s: ContextSummary): string {
  const parts: string[] = [];
  const kinds = [
    [s.inTree, 'in-tree'],
    [s.mixed, 'mixed'],
    [s.plugin, 'plugin'],
    [s.other, 'other'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, label]) => `${n} ${label}`);
  parts.push(`${s.clusters} cluster${s.clusters === 1 ? '' : 's'}${kinds.length > 0 ? `: ${kinds.join(', ')}` : ''}`);
  if (s.failing > 0) parts.push(`${s.failing} failing`);
  if (s.zalando > 0) parts.push(`Zalando ${s.zalando}${s.zalandoNotMigrated > 0 ? ` (${s.zalandoNotMigrated} not migrated)` : ''}`);
  return parts.join(' · ');
}

function short(version: string): string {
  return version.replace(/\.0$/, '');
}
