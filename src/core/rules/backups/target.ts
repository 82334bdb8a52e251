// What a Backup or ScheduledBackup asks for (method, plugin) and the Cluster it targets, shared by
// the backups rules. The method defaults to barmanObjectStore in the CRD and no defaulting webhook
// changes it (cnpg-facts.md §a "Backup methods").
import { asRecord, asString, getIn, isSubstituted, type Resource } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import { insertKey, replaceValue } from '../../edits/text-edits';
import type { Fix, RuleContext } from '../types';
import { fixOf } from '../backup/barman';

export const BACKUP_METHODS = ['barmanObjectStore', 'volumeSnapshot', 'plugin'] as const;
export type BackupMethod = (typeof BACKUP_METHODS)[number];

export interface MethodReading {
  method: BackupMethod;
  explicit: boolean;
}

/** The effective method; undefined when it is substituted or not one of the three (schema rules report that). */
export function methodOf(resource: Resource): MethodReading | undefined {
  const raw = getIn(resource.value, ['spec', 'method']);
  if (raw === undefined || raw === null) return { method: 'barmanObjectStore', explicit: false };
  if (typeof raw !== 'string' || isSubstituted(raw)) return undefined;
  return (BACKUP_METHODS as readonly string[]).includes(raw) ? { method: raw as BackupMethod, explicit: true } : undefined;
}

/** `spec.pluginConfiguration.name`: a known string, '' when missing or empty, undefined when substituted. */
export function pluginNameOf(resource: Resource): string | undefined {
  const raw = getIn(resource.value, ['spec', 'pluginConfiguration', 'name']);
  if (raw === undefined || raw === null || raw === '') return '';
  if (typeof raw !== 'string' || isSubstituted(raw)) return undefined;
  return raw;
}

export type TargetCluster =
  | { kind: 'found'; name: string; cluster: Resource }
  | { kind: 'missing'; name: string }
  /** Substituted name, no name, or several candidates: nothing that depends on the Cluster is said. */
  | { kind: 'unknown' };

export function targetCluster(ctx: RuleContext): TargetCluster {
  const name = asString(getIn(ctx.resource.value, ['spec', 'cluster', 'name']));
  if (name === undefined || name === '' || isSubstituted(name)) return { kind: 'unknown' };
  const found = ctx.workspace.find('Cluster', ctx.resource.namespace, name);
  if (found.ambiguous) return { kind: 'unknown' };
  return found.resource ? { kind: 'found', name, cluster: found.resource } : { kind: 'missing', name };
}

export interface ClusterPluginNames {
  /** Names of enabled `spec.plugins[]` entries (enabled defaults to true). */
  enabled: string[];
  /** Whether `spec.plugins` has any entry at all (checkPrerequisites looks only at that). */
  any: boolean;
  /** Some entry's name or `enabled` is hidden by a substitution. */
  unknown: boolean;
}

export function clusterPluginNames(cluster: Resource): ClusterPluginNames {
  const list = getIn(cluster.value, ['spec', 'plugins']);
  const entries = Array.isArray(list) ? list.map((p) => asRecord(p) ?? {}) : [];
  let unknown = false;
  const enabled: string[] = [];
  for (const p of entries) {
    const name = asString(p.name);
    if (name === undefined || isSubstituted(name) || (p.enabled !== undefined && typeof p.enabled !== 'boolean')) {
      unknown = true;
      continue;
    }
    if (p.enabled !== false) enabled.push(name);
  }
  return { enabled, any: entries.length > 0, unknown };
}

export function kindWord(resource: Resource): string {
  return resource.kind === 'Backup' ? 'This Backup' : 'Each Backup this ScheduledBackup creates';
}

/** Quick fix: `method: plugin` with `pluginConfiguration.name` set to `pluginName`. */
export function usePluginFix(resource: Resource, pluginName: string = BARMAN_PLUGIN_NAME): Fix[] {
  const file = resource.file;
  const method = getIn(resource.value, ['spec', 'method']);
  const methodEdit =
    method === undefined || method === null
      ? insertKey(resource, ['spec'], 'method', 'plugin')
      : method === 'plugin'
        ? null
        : replaceValue(resource, ['spec', 'method'], 'plugin');
  const config = asRecord(getIn(resource.value, ['spec', 'pluginConfiguration']));
  const nameEdit =
    config && getIn(config, ['name']) !== undefined && getIn(config, ['name']) !== null
      ? replaceValue(resource, ['spec', 'pluginConfiguration', 'name'], pluginName)
      : insertKey(resource, ['spec', 'pluginConfiguration'], 'name', pluginName);
  const edits = [...(methodEdit === null ? [] : [{ file, edit: methodEdit }]), { file, edit: nameEdit }];
  return fixOf(`Use method: plugin with ${pluginName}`, edits, true);
}
