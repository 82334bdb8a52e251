import { strict as assert } from 'node:assert';
import { backupName, planBackup } from '../../../src/core/status/backup-manifest';
import { IN_TREE_STORE, barmanPlugin, cluster, inTreeCluster, pluginCluster } from './builders';

const now = new Date('2026-07-01T03:04:05.678Z');

describe('planBackup', () => {
  it('names the Backup like kubectl cnpg backup', () => {
    assert.equal(backupName('pg', now), 'pg-20260701030405');
  });

  it('uses method plugin with the plugin name for Barman Cloud Plugin clusters, never the default', () => {
    const plan = planBackup(pluginCluster('pg'), now);
    assert.ok(plan.ok);
    assert.deepEqual(plan.manifest, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Backup',
      metadata: { name: 'pg-20260701030405', namespace: 'db', labels: { 'cnpg.io/cluster': 'pg' } },
      spec: { cluster: { name: 'pg' }, method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } },
    });
  });

  it('prefers the plugin while a migration is half done', () => {
    const plan = planBackup(cluster('pg', { backup: { barmanObjectStore: IN_TREE_STORE }, plugins: [barmanPlugin('store', { isWALArchiver: false })] }), now);
    assert.ok(plan.ok && plan.method === 'plugin');
  });

  it('sets barmanObjectStore explicitly for in-tree clusters and volumeSnapshot for snapshot clusters', () => {
    const inTree = planBackup(inTreeCluster('pg'), now);
    assert.ok(inTree.ok);
    assert.deepEqual(inTree.manifest.spec, { cluster: { name: 'pg' }, method: 'barmanObjectStore' });
    const snap = planBackup(cluster('pg', { backup: { volumeSnapshot: { className: 'csi' } } }), now);
    assert.ok(snap.ok && snap.method === 'volumeSnapshot');
  });

  it('uses a third-party plugin that offers backups', () => {
    const c = cluster('pg', { plugins: [{ name: 'pgbackrest.dalibo.com', isWALArchiver: true }] }, { pluginStatus: [{ name: 'pgbackrest.dalibo.com', backupCapabilities: ['TYPE_BACKUP'] }] });
    const plan = planBackup(c, now);
    assert.ok(plan.ok);
    assert.deepEqual(plan.manifest.spec?.pluginConfiguration, { name: 'pgbackrest.dalibo.com' });
  });

  it('refuses what would fail: no backup section, wrong plugin name, no barmanObjectName, hibernation', () => {
    const refused = (c: Parameters<typeof planBackup>[0]) => {
      const p = planBackup(c, now);
      assert.ok(!p.ok);
      return p.reason;
    };
    assert.match(refused(cluster('pg')), /no backup configured/);
    assert.match(refused(cluster('pg', { plugins: [{ name: 'barman-cloud', parameters: { barmanObjectName: 's' } }] })), /not a known plugin/);
    assert.match(refused(pluginCluster('pg', {}, barmanPlugin(undefined))), /no barmanObjectName/);
    const hibernated = pluginCluster('pg');
    hibernated.metadata.annotations = { 'cnpg.io/hibernation': 'on' };
    assert.match(refused(hibernated), /hibernated/);
  });
});
