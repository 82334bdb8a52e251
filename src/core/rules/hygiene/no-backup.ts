import { getIn, keyRange, valueRange } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import { enabledPlugins, hasVolumeSnapshots, inTreeStore } from '../../cnpg/cluster';
import { isReplicaCluster } from '../../cnpg/replica';
import type { Rule } from '../types';

/** Any of: an in-tree store, an enabled WAL-archiver plugin or the enabled Barman Cloud Plugin, volume snapshots. */
export function hasBackup(cluster: unknown): boolean {
  if (inTreeStore(cluster) || hasVolumeSnapshots(cluster)) return true;
  // The barman plugin archives even without isWALArchiver (compatibility path, cnpg-facts.md §a); rule 6 warns about that separately.
  return enabledPlugins(cluster).some((p) => p.isWALArchiver || p.name === BARMAN_PLUGIN_NAME);
}

export const noBackup: Rule = {
  meta: {
    id: 'no-backup',
    title: 'Cluster without any backup',
    defaultSeverity: 'info',
    why: 'A Cluster with no object store (Barman Cloud Plugin or in-tree), no WAL-archiving plugin and no volume snapshots has no copy outside its own volumes: losing them, or a bad change, loses the data, and there is no point-in-time recovery. Replica clusters are skipped: their source holds the backups until they are promoted. So is a Cluster that a Kustomize patch of the same name gives a backup (a shared base whose components or overlays patch it in).',
    source: 'cnpg-facts.md §a (WAL archivers, isWALArchiver), §b (Barman Cloud Plugin), §c rule 6; crds/postgresql.cnpg.io_clusters.yaml (spec.backup, spec.plugins)',
    fix: 'Add the Barman Cloud Plugin with an ObjectStore (plugins: [{name: barman-cloud.cloudnative-pg.io, isWALArchiver: true, parameters: {barmanObjectName: <store>}}]) and a ScheduledBackup, or spec.backup.volumeSnapshot. Suppress it for throw-away clusters.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    if (hasBackup(resource.value)) return;
    // A replica cluster (or one whose status cannot be told) is covered by its source's backups.
    if (isReplicaCluster(resource.value) !== false) return;
    // A Kustomize patch of this Cluster may add the backup (a shared base, with components or
    // overlays that patch in spec.backup or spec.plugins): the applied Cluster then has one.
    const name = getIn(resource.value, ['metadata', 'name']);
    if (typeof name === 'string' && ctx.workspace.patchesOf('Cluster', resource.namespace, name).some((p) => hasBackup(p.value))) return;
    const range = getIn(resource.value, ['metadata', 'name']) !== undefined ? valueRange(resource, ['metadata', 'name']) : keyRange(resource, ['kind']);
    ctx.report({
      range,
      message: `Cluster ${resource.name ?? ''} has no backup: no Barman Cloud Plugin or other WAL-archiving plugin, no in-tree barmanObjectStore and no volume snapshots. If its volumes are lost the data is gone, with no point-in-time recovery. Add the Barman Cloud Plugin with an ObjectStore (isWALArchiver: true) and a ScheduledBackup, or spec.backup.volumeSnapshot.`.replace('Cluster  has', 'This Cluster has'),
    });
  },
};
