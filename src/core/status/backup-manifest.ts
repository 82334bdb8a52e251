// The Backup that "Back up now" creates, the way `kubectl cnpg backup` names and labels it
// (cnpg-facts.md §e), but always with the method the cluster can serve: the CRD default
// barmanObjectStore fails on a plugin cluster (§a "Backup methods", §c rule 14).
import type { KubeObject } from '../../kube/types';
import { BARMAN_PLUGIN_NAME, CLUSTER_LABEL } from '../cnpg/constants';
import { readBackupConfig } from './backup-config';
import { loadedPlugins } from './instances';

export type BackupPlan =
  | { ok: true; manifest: KubeObject; method: 'plugin' | 'barmanObjectStore' | 'volumeSnapshot'; why: string }
  | { ok: false; reason: string };

/** `<cluster>-<YYYYMMDDhhmmss>` in UTC. */
export function backupName(cluster: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${cluster}-${stamp}`;
}

export function planBackup(cluster: KubeObject, now: Date): BackupPlan {
  const name = cluster.metadata.name;
  const namespace = cluster.metadata.namespace;
  if (cluster.metadata.annotations?.['cnpg.io/hibernation'] === 'on') {
    return { ok: false, reason: `Cluster ${name} is hibernated: the operator fails every Backup of a hibernated cluster.` };
  }
  const config = readBackupConfig(cluster, { state: 'unknown', why: 'not needed' });
  const build = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Backup',
    metadata: { name: backupName(name, now), ...(namespace ? { namespace } : {}), labels: { [CLUSTER_LABEL]: name } },
    spec: { cluster: { name }, ...spec },
  });
  if (config.plugin) {
    if (!config.plugin.barmanObjectName) {
      return { ok: false, reason: `The Barman Cloud Plugin of ${name} has no barmanObjectName: no sidecar is injected, so a Backup would fail.` };
    }
    return {
      ok: true,
      method: 'plugin',
      why: `the cluster uses the Barman Cloud Plugin (ObjectStore ${config.plugin.barmanObjectName})`,
      manifest: build({ method: 'plugin', pluginConfiguration: { name: BARMAN_PLUGIN_NAME } }),
    };
  }
  const backupPlugin = loadedPlugins(cluster).find((p) => p.backupCapabilities.length > 0 && config.otherPlugins.some((o) => o.name === p.name));
  if (backupPlugin) {
    return { ok: true, method: 'plugin', why: `plugin ${backupPlugin.name} offers backups`, manifest: build({ method: 'plugin', pluginConfiguration: { name: backupPlugin.name } }) };
  }
  if (config.inTree) {
    return { ok: true, method: 'barmanObjectStore', why: 'the cluster uses in-tree barmanObjectStore (deprecated)', manifest: build({ method: 'barmanObjectStore' }) };
  }
  if (config.volumeSnapshot) {
    return { ok: true, method: 'volumeSnapshot', why: 'the cluster backs up with volume snapshots', manifest: build({ method: 'volumeSnapshot' }) };
  }
  if (config.misnamed.length > 0) {
    return { ok: false, reason: `Plugin "${config.misnamed[0].name}" is not a known plugin (the Barman Cloud Plugin is ${BARMAN_PLUGIN_NAME}): a Backup would fail with "requested plugin is not available".` };
  }
  return { ok: false, reason: `Cluster ${name} has no backup configured (no Barman Cloud Plugin, barmanObjectStore or volumeSnapshot).` };
}
