// Summaries of a cluster's Backups and ScheduledBackups (cnpg-facts.md §d "Backup", "ScheduledBackup").
import type { KubeObject } from '../../kube/types';
import { asString, getIn } from '../model/resource';
import { stringAt, targetsCluster } from './objects';
import { parseTime } from './time';
import { describeSchedule, type ScheduleReading } from './schedule';

export type BackupOutcome = 'completed' | 'failed' | 'running' | 'pending';

export interface BackupSummary {
  name: string;
  phase: string | undefined;
  outcome: BackupOutcome;
  /** spec.method; the CRD default barmanObjectStore when unset (cnpg-facts.md §a "Backup methods"). */
  method: string;
  pluginName: string | undefined;
  startedAt: number | undefined;
  stoppedAt: number | undefined;
  /** Creation, start or stop time, whichever is known, for ordering. */
  time: number | undefined;
  error: string | undefined;
  /** The ScheduledBackup that created it, if any. */
  scheduledBy: string | undefined;
  podName: string | undefined;
  backupId: string | undefined;
}

const FAILED_PHASES = new Set(['failed', 'walarchivingfailing', 'invalid backup definition']);
const RUNNING_PHASES = new Set(['started', 'running', 'finalizing']);

export function backupOutcome(phase: string | undefined): BackupOutcome {
  const p = (phase ?? '').toLowerCase();
  if (p === 'completed') return 'completed';
  if (FAILED_PHASES.has(p)) return 'failed';
  if (RUNNING_PHASES.has(p)) return 'running';
  return 'pending';
}

export function summarizeBackup(b: KubeObject): BackupSummary {
  const phase = stringAt(b, ['status', 'phase']);
  const startedAt = parseTime(getIn(b, ['status', 'startedAt']));
  const stoppedAt = parseTime(getIn(b, ['status', 'stoppedAt']));
  const created = parseTime(b.metadata.creationTimestamp);
  const owner = b.metadata.ownerReferences?.find((o) => o.kind === 'ScheduledBackup')?.name;
  return {
    name: b.metadata.name,
    phase,
    outcome: backupOutcome(phase),
    method: stringAt(b, ['spec', 'method']) ?? stringAt(b, ['status', 'method']) ?? 'barmanObjectStore',
    pluginName: stringAt(b, ['spec', 'pluginConfiguration', 'name']),
    startedAt,
    stoppedAt,
    time: stoppedAt ?? startedAt ?? created,
    error: stringAt(b, ['status', 'error']),
    scheduledBy: owner ?? b.metadata.labels?.['cnpg.io/scheduled-backup'],
    podName: stringAt(b, ['status', 'instanceID', 'podName']),
    backupId: stringAt(b, ['status', 'backupId']),
  };
}

/** The cluster's Backups, newest first. */
export function backupsOf(cluster: KubeObject, backups: KubeObject[]): BackupSummary[] {
  return backups
    .filter((b) => targetsCluster(b, cluster))
    .map(summarizeBackup)
    .sort((a, b) => (b.time ?? 0) - (a.time ?? 0) || a.name.localeCompare(b.name));
}

export interface ScheduledSummary {
  name: string;
  schedule: string | undefined;
  reading: ScheduleReading;
  suspended: boolean;
  immediate: boolean;
  method: string;
  pluginName: string | undefined;
  lastScheduleTime: number | undefined;
  /** status.nextScheduleTime when the operator set it, else computed from the schedule. */
  nextRun: number | undefined;
  /** Why this ScheduledBackup's Backups fail against this cluster, if they do. */
  problem: string | undefined;
}

/** The cluster's ScheduledBackups, by name. `enabledPluginNames` and `hasInTree` describe the cluster. */
export function scheduledOf(
  cluster: KubeObject,
  scheduled: KubeObject[],
  clusterFacts: { enabledPluginNames: string[]; hasInTree: boolean; hasVolumeSnapshot: boolean },
  now: number,
): ScheduledSummary[] {
  return scheduled
    .filter((s) => targetsCluster(s, cluster))
    .map((s) => {
      const schedule = stringAt(s, ['spec', 'schedule']);
      const reading = describeSchedule(schedule, now);
      const method = stringAt(s, ['spec', 'method']) ?? 'barmanObjectStore';
      const pluginName = stringAt(s, ['spec', 'pluginConfiguration', 'name']);
      const suspended = getIn(s, ['spec', 'suspend']) === true;
      const fromStatus = parseTime(getIn(s, ['status', 'nextScheduleTime']));
      return {
        name: s.metadata.name,
        schedule,
        reading,
        suspended,
        immediate: getIn(s, ['spec', 'immediate']) === true,
        method,
        pluginName,
        lastScheduleTime: parseTime(getIn(s, ['status', 'lastScheduleTime'])),
        nextRun: suspended ? undefined : fromStatus !== undefined && fromStatus >= now ? fromStatus : (reading.nextRun ?? fromStatus),
        problem: methodProblem(method, pluginName, clusterFacts),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** cnpg-facts.md §c rules 14-16: a method the cluster cannot serve makes every Backup fail. */
export function methodProblem(method: string, pluginName: string | undefined, c: { enabledPluginNames: string[]; hasInTree: boolean; hasVolumeSnapshot: boolean }): string | undefined {
  if (method === 'barmanObjectStore' && !c.hasInTree) {
    return 'method barmanObjectStore (the default when unset), but the cluster has no barmanObjectStore: each Backup fails ("no barmanObjectStore section defined on the target cluster")';
  }
  if (method === 'plugin') {
    if (!pluginName) return 'method plugin without pluginConfiguration.name: each Backup it creates is rejected';
    if (!c.enabledPluginNames.includes(pluginName)) return `pluginConfiguration.name ${pluginName} is not an enabled plugin of the cluster`;
  }
  if (method === 'volumeSnapshot' && !c.hasVolumeSnapshot) return 'method volumeSnapshot, but the cluster has no spec.backup.volumeSnapshot section';
  return undefined;
}

export function isFiveField(schedule: string | undefined): boolean {
  return asString(schedule) !== undefined && schedule!.trim().split(/\s+/).length === 5;
}
