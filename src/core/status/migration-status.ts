// The migration and backup state of one live CNPG Cluster, from the objects the explorer watches.
// Pure: the caller passes the objects, the operator version and `now`.
// Sources: cnpg-facts.md §a (timeline, both configured), §b (plugin, ObjectStore), §c rules 5-9, 14-17, §d.
import type { KubeObject } from '../../kube/types';
import { announcedRemoval, inTreeRemoved, NEWEST_KNOWN_OPERATOR } from '../versions';
import { readBackupConfig, recoveryWindow, type BackupConfig, type ObjectStoresState } from './backup-config';
import { backupsOf, scheduledOf, type BackupSummary, type ScheduledSummary } from './backups';
import { instancesOf, loadedPlugins, BARMAN_SIDECAR, type InstanceSummary, type LoadedPlugin } from './instances';
import { bySeverity, worst, type Severity, type StatusIssue } from './issues';
import { conditionOf, conditionsOf, numberAt, stringAt, type Condition } from './objects';
import { parseTime, utc } from './time';
import { getIn } from '../model/resource';

export interface ClusterStatusInput {
  cluster: KubeObject;
  /** All Backups the snapshot holds (any cluster); undefined when they could not be read. */
  backups: KubeObject[] | undefined;
  scheduledBackups: KubeObject[] | undefined;
  objectStores: ObjectStoresState;
  pods: KubeObject[] | undefined;
  operatorVersion: string | undefined;
  now: number;
}

export interface TimeFact {
  time: number;
  source: 'backup' | 'objectStore' | 'cluster' | 'condition';
  /** The Backup's name, or the failure message. */
  detail?: string;
}

export interface ClusterStatus {
  name: string;
  namespace: string;
  config: BackupConfig;
  phase: string | undefined;
  phaseReason: string | undefined;
  instances: number | undefined;
  readyInstances: number | undefined;
  currentPrimary: string | undefined;
  ready: boolean | undefined;
  replicaCluster: boolean;
  /** Set when in-tree barmanObjectStore is used anywhere in the Cluster. */
  removal: { version: string; announcedBy: string; removed: boolean } | undefined;
  archiving: { state: 'ok' | 'failing' | 'unknown' | 'off'; message?: string; since?: number };
  lastSuccessful: TimeFact | undefined;
  lastFailed: TimeFact | undefined;
  /** Did the most recent attempt fail (newer than the last success)? */
  lastBackupFailed: boolean;
  running: BackupSummary | undefined;
  firstRecoverabilityPoint: number | undefined;
  backups: BackupSummary[] | undefined;
  scheduled: ScheduledSummary[] | undefined;
  instanceList: InstanceSummary[] | undefined;
  conditions: Condition[];
  plugins: LoadedPlugin[];
  issues: StatusIssue[];
  severity: Severity;
}

export function clusterStatus(input: ClusterStatusInput): ClusterStatus {
  const { cluster, now } = input;
  const config = readBackupConfig(cluster, input.objectStores);
  const issues: StatusIssue[] = [];
  const add = (code: StatusIssue['code'], severity: StatusIssue['severity'], message: string) => issues.push({ code, severity, message });

  const inTreeUsed = config.inTree !== undefined || config.inTreeExternalClusters.length > 0;
  const removal = inTreeUsed
    ? { version: announcedRemoval(input.operatorVersion), announcedBy: input.operatorVersion ?? `${NEWEST_KNOWN_OPERATOR} (newest known)`, removed: inTreeRemoved(input.operatorVersion) }
    : undefined;
  configurationIssues(config, cluster, removal, add);

  const instanceList = input.pods ? instancesOf(cluster, input.pods) : undefined;
  if (config.plugin?.barmanObjectName && instanceList && instanceList.length > 0) {
    const without = instanceList.filter((i) => !i.hasBarmanSidecar);
    if (without.length > 0) {
      add('sidecar-missing', 'warning', `${without.length} of ${instanceList.length} instance pods run without the ${BARMAN_SIDECAR} sidecar (${without.map((i) => i.pod).join(', ')}): archiving from them fails until the rolling update replaces them.`);
    }
  }

  const archiving = archivingState(cluster, config);
  if (archiving.state === 'failing') add('archiving-failing', 'error', `WAL archiving is failing${archiving.message ? `: ${archiving.message}` : '.'}`);

  const backups = input.backups ? backupsOf(cluster, input.backups) : undefined;
  const lastSuccessful = latest(successFacts(cluster, config, backups));
  const lastFailed = latest(failureFacts(cluster, config, backups));
  const lastBackupFailed = lastFailed !== undefined && (lastSuccessful === undefined || lastFailed.time > lastSuccessful.time);
  const running = backups?.find((b) => b.outcome === 'running' || b.outcome === 'pending');
  if (lastBackupFailed) add('last-backup-failed', 'error', `The last backup failed (${utc(lastFailed!.time)})${lastFailed!.detail ? `: ${lastFailed!.detail}` : '.'}`);
  const anySuccess = lastSuccessful !== undefined || conditionOf(cluster, 'LastBackupSucceeded')?.status === 'True';
  if (config.architecture !== 'none' && !anySuccess && !lastBackupFailed && backups !== undefined) {
    if (running) add('first-backup-running', 'info', `No backup has completed yet; ${running.name} is ${running.phase ?? 'pending'}.`);
    else add('never-backed-up', 'warning', 'Never backed up: no completed base backup is known, so the cluster cannot be restored from its store.');
  }

  const facts = {
    enabledPluginNames: config.archivers.concat(config.plugin ? [config.plugin.entry] : [], config.misnamed, config.otherPlugins).map((p) => p.name ?? ''),
    hasInTree: config.inTree !== undefined,
    hasVolumeSnapshot: config.volumeSnapshot,
  };
  const scheduled = input.scheduledBackups ? scheduledOf(cluster, input.scheduledBackups, facts, now) : undefined;
  for (const s of scheduled ?? []) {
    if (s.problem) add('scheduled-backup-broken', s.suspended ? 'info' : 'error', `ScheduledBackup ${s.name}: ${s.problem}.`);
    if (s.reading.fiveField) add('five-field-schedule', 'warning', `ScheduledBackup ${s.name}: ${s.reading.warning}`);
    else if (s.reading.warning) add('scheduled-backup-broken', 'error', `ScheduledBackup ${s.name}: ${s.reading.warning}`);
  }

  const ready = conditionOf(cluster, 'Ready');
  const phase = stringAt(cluster, ['status', 'phase']);
  const phaseReason = stringAt(cluster, ['status', 'phaseReason']);
  if (ready?.status === 'False') {
    const what = [phase, phaseReason].filter(Boolean).join(': ') || ready.message || 'not ready';
    if (/plugin/i.test(phase ?? '')) add('plugin-unavailable', 'error', `The operator cannot reconcile the cluster: ${what}.`);
    else add('not-ready', 'warning', `Not ready: ${what}.`);
  }

  issues.sort(bySeverity);
  const plugin = config.plugin;
  const window = plugin?.objectStore.state === 'found' && plugin.store ? recoveryWindow(plugin.objectStore.object, plugin.store.serverName) : undefined;
  const firstRecoverabilityPoint = parseTime(window?.first) ?? (config.architecture !== 'plugin' ? parseTime(getIn(cluster, ['status', 'firstRecoverabilityPoint'])) : undefined);
  return {
    name: cluster.metadata.name,
    namespace: cluster.metadata.namespace ?? '',
    config,
    phase,
    phaseReason,
    instances: numberAt(cluster, ['status', 'instances']) ?? numberAt(cluster, ['spec', 'instances']),
    readyInstances: numberAt(cluster, ['status', 'readyInstances']),
    currentPrimary: stringAt(cluster, ['status', 'currentPrimary']),
    ready: ready ? ready.status === 'True' : undefined,
    replicaCluster: getIn(cluster, ['spec', 'replica', 'enabled']) === true,
    removal,
    archiving,
    lastSuccessful,
    lastFailed,
    lastBackupFailed,
    running,
    firstRecoverabilityPoint,
    backups,
    scheduled,
    instanceList,
    conditions: conditionsOf(cluster),
    plugins: loadedPlugins(cluster),
    issues,
    severity: worst(issues.map((i) => i.severity)),
  };
}

type Add = (code: StatusIssue['code'], severity: StatusIssue['severity'], message: string) => void;

function configurationIssues(config: BackupConfig, cluster: KubeObject, removal: ClusterStatus['removal'], add: Add): void {
  const ns = cluster.metadata.namespace ?? '';
  const deadline = removal ? (removal.removed ? `was removed in CloudNativePG ${removal.version}` : `will be removed in CloudNativePG ${removal.version} (announced by operator ${removal.announcedBy})`) : '';
  if (config.architecture === 'in-tree') {
    add(removal!.removed ? 'in-tree-removed' : 'in-tree-deprecated', removal!.removed ? 'error' : 'warning', `In-tree Barman Cloud (spec.backup.barmanObjectStore) is deprecated and ${deadline}. Migrate to the Barman Cloud Plugin.`);
  }
  if (config.architecture === 'mixed') {
    add('mixed', 'warning', `Half migrated: the Barman Cloud Plugin is configured, but in-tree barmanObjectStore is still used (${inTreePlaces(config)}), and it ${deadline}.`);
  }
  if (config.inTreeExternalClusters.length > 0 && config.architecture !== 'in-tree') {
    add('in-tree-external', 'warning', `externalClusters ${config.inTreeExternalClusters.join(', ')} read backups through in-tree barmanObjectStore, which ${deadline}. Give them a plugin block with an ObjectStore and an explicit serverName.`);
  }
  if (config.inTree && config.archivers.length > 0) {
    add('archiver-conflict', 'error', `barmanObjectStore and a WAL archiver plugin (${config.archivers.map((p) => p.name).join(', ')}) are both enabled; the webhook rejects this ("Cannot enable a WAL archiver plugin when barmanObjectStore is configured").`);
  } else if (config.inTree && config.plugin && !config.plugin.entry.isWALArchiver) {
    add('double-archiving', 'warning', 'barmanObjectStore and the Barman Cloud Plugin without isWALArchiver: every WAL is archived twice, and a plugin failure also blocks archiving.');
  }
  for (const p of config.misnamed) {
    add('plugin-wrong-name', 'error', `Plugin "${p.name}" is not a known plugin: the Barman Cloud Plugin is named barman-cloud.cloudnative-pg.io. The operator stops reconciling ("unknown plugin being required") and Backups fail with "requested plugin is not available".`);
  }
  const plugin = config.plugin;
  if (plugin) {
    if (!plugin.barmanObjectName) {
      add('plugin-no-object-name', 'error', 'The Barman Cloud Plugin has no barmanObjectName parameter: no sidecar is injected, so nothing is archived or backed up.');
    } else if (plugin.objectStore.state === 'missing') {
      add('plugin-objectstore-missing', 'error', `ObjectStore ${plugin.barmanObjectName} does not exist in namespace ${ns}: the plugin requeues reconciliation forever.`);
    } else if (plugin.objectStore.state === 'unknown' && plugin.objectStore.why === 'crd-missing') {
      add('plugin-not-installed', 'error', 'The ObjectStore CRD (objectstores.barmancloud.cnpg.io) is not installed in this cluster: the Barman Cloud Plugin is missing.');
    }
    if (!config.inTree && config.archivers.length === 0) {
      add('plugin-no-archiver', 'warning', 'No enabled plugin has isWALArchiver: true. WAL still reaches the plugin through the compatibility path, but switchover, replica-from-backup and missing-sidecar checks treat the cluster as having no archiver.');
    }
  }
  if (config.architecture === 'none') {
    const replica = getIn(cluster, ['spec', 'replica', 'enabled']) === true;
    add('no-backups', replica ? 'info' : 'warning', replica ? 'Replica cluster without backups of its own.' : 'No backups configured: no WAL archive and no base backups, so there is no point-in-time recovery.');
  }
}

function inTreePlaces(config: BackupConfig): string {
  const places = config.inTree ? ['spec.backup.barmanObjectStore'] : [];
  for (const e of config.inTreeExternalClusters) places.push(`externalClusters ${e}`);
  return places.join(', ');
}

function archivingState(cluster: KubeObject, config: BackupConfig): ClusterStatus['archiving'] {
  const c = conditionOf(cluster, 'ContinuousArchiving');
  if (c?.status === 'False') return { state: 'failing', message: c.message, since: c.lastTransitionTime };
  if (c?.status === 'True') return { state: 'ok', since: c.lastTransitionTime };
  const configured = config.inTree !== undefined || config.archivers.length > 0 || config.plugin?.barmanObjectName !== undefined;
  return { state: configured ? 'unknown' : 'off' };
}

/** Plugin clusters: the ObjectStore's recovery window, not the deprecated Cluster fields (cnpg-facts.md §a, §d). */
function successFacts(cluster: KubeObject, config: BackupConfig, backups: BackupSummary[] | undefined): TimeFact[] {
  const facts: TimeFact[] = [];
  for (const b of backups ?? []) if (b.outcome === 'completed' && b.time !== undefined) facts.push({ time: b.time, source: 'backup', detail: b.name });
  const window = storeWindow(config);
  const fromStore = parseTime(window?.lastSuccessful);
  if (fromStore !== undefined) facts.push({ time: fromStore, source: 'objectStore' });
  if (config.architecture !== 'plugin') {
    const fromCluster = parseTime(getIn(cluster, ['status', 'lastSuccessfulBackup']));
    if (fromCluster !== undefined) facts.push({ time: fromCluster, source: 'cluster' });
  }
  return facts;
}

function failureFacts(cluster: KubeObject, config: BackupConfig, backups: BackupSummary[] | undefined): TimeFact[] {
  const facts: TimeFact[] = [];
  for (const b of backups ?? []) if (b.outcome === 'failed' && b.time !== undefined) facts.push({ time: b.time, source: 'backup', detail: b.error ? `${b.name}: ${b.error}` : b.name });
  const fromStore = parseTime(storeWindow(config)?.lastFailed);
  if (fromStore !== undefined) facts.push({ time: fromStore, source: 'objectStore' });
  if (config.architecture !== 'plugin') {
    const fromCluster = parseTime(getIn(cluster, ['status', 'lastFailedBackup']));
    if (fromCluster !== undefined) facts.push({ time: fromCluster, source: 'cluster' });
  }
  const cond = conditionOf(cluster, 'LastBackupSucceeded');
  if (cond?.status === 'False' && cond.reason === 'LastBackupFailed' && cond.lastTransitionTime !== undefined) {
    facts.push({ time: cond.lastTransitionTime, source: 'condition', detail: cond.message });
  }
  return facts;
}

function storeWindow(config: BackupConfig) {
  const p = config.plugin;
  return p?.objectStore.state === 'found' && p.store ? recoveryWindow(p.objectStore.object, p.store.serverName) : undefined;
}

/** The newest fact; on equal times the one with a detail (a named Backup, a message) wins. */
function latest(facts: TimeFact[]): TimeFact | undefined {
  return facts.reduce<TimeFact | undefined>((best, f) => (!best || f.time > best.time || (f.time === best.time && !best.detail && f.detail) ? f : best), undefined);
}
