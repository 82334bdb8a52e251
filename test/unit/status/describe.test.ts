import { strict as assert } from 'node:assert';
import { clusterIcon, describeCluster, describeZalando, needsAttention, severityIcon, summarize, summaryLine } from '../../../src/core/status/describe';
import { zalandoStatus } from '../../../src/core/status/zalando-status';
import { NOW, backup, cluster, cond, hoursAgo, inTreeCluster, obj, objectStore, pluginCluster, statusOf } from './builders';

const healthy = { conditions: [cond('Ready', 'True'), cond('ContinuousArchiving', 'True')] };
const stores = { objectStores: { state: 'ok' as const, objects: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(3) } })] } };

describe('describeCluster', () => {
  it('reads "plugin · archiving ok · backup 3h ago" for a healthy plugin cluster', () => {
    assert.equal(describeCluster(statusOf(pluginCluster('pg', healthy), stores), NOW), 'plugin · archiving ok · backup 3h ago');
  });

  it('names the removal for in-tree clusters and the failure when the last backup failed', () => {
    const s = statusOf(inTreeCluster('pg', healthy), { backups: [backup('b', 'pg', 'failed', hoursAgo(26), { method: 'barmanObjectStore', error: 'boom' })] });
    assert.equal(describeCluster(s, NOW), 'in-tree, removal 1.31 · archiving ok · backup failed 1d ago');
  });

  it('shows missing instances first, failing archiving, never backed up, and a running backup', () => {
    const c = pluginCluster('pg', { readyInstances: 1, conditions: [cond('ContinuousArchiving', 'False', 'ContinuousArchivingFailing', 'x')] });
    assert.equal(describeCluster(statusOf(c, { objectStores: { state: 'ok', objects: [objectStore('store')] } }), NOW), '1/2 ready · plugin · archiving failing · never backed up');
    const running = statusOf(pluginCluster('pg', healthy), { ...stores, backups: [backup('now', 'pg', 'running', undefined, { startedAt: hoursAgo(0.1) })] });
    assert.equal(describeCluster(running, NOW), 'plugin · archiving ok · backup running');
    assert.equal(clusterIcon(running).id, 'sync~spin');
  });

  it('describes clusters without backups and volume snapshot clusters', () => {
    assert.equal(describeCluster(statusOf(cluster('pg', {}, { conditions: [cond('Ready', 'True')] })), NOW), 'no backups');
    const snap = statusOf(cluster('pg', { backup: { volumeSnapshot: {} } }, {}), { backups: [backup('s', 'pg', 'completed', hoursAgo(0.5), { method: 'volumeSnapshot' })] });
    assert.equal(describeCluster(snap, NOW), 'volume snapshots · backup 30m ago');
    const mixed = statusOf(cluster('pg', { backup: { barmanObjectStore: {} }, plugins: [{ name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: 'store' } }] }, healthy), stores);
    assert.match(describeCluster(mixed, NOW), /^mixed in-tree \+ plugin · archiving ok/);
  });
});

describe('icons and attention', () => {
  it('maps severities to distinct icons and theme colors', () => {
    assert.deepEqual(severityIcon('ok'), { id: 'database', color: 'testing.iconPassed' });
    assert.deepEqual(severityIcon('warning'), { id: 'warning', color: 'problemsWarningIcon.foreground' });
    assert.deepEqual(severityIcon('error'), { id: 'error', color: 'problemsErrorIcon.foreground' });
    assert.equal(severityIcon('info').id, 'database');
  });

  it('needs attention for warnings and errors only', () => {
    assert.equal(needsAttention(statusOf(pluginCluster('pg', healthy), stores)), false);
    assert.equal(needsAttention(statusOf(inTreeCluster('pg', healthy))), true);
    assert.equal(needsAttention({ severity: 'info' }), false);
    assert.equal(needsAttention({ severity: 'error' }), true);
  });
});

describe('summary line', () => {
  it('counts architectures, failing clusters and Zalando clusters', () => {
    const statuses = [
      statusOf(inTreeCluster('a', healthy)),
      statusOf(inTreeCluster('b', { conditions: [cond('ContinuousArchiving', 'False')] })),
      statusOf(pluginCluster('pg', healthy), stores),
      statusOf(cluster('d', { backup: { barmanObjectStore: {} }, plugins: [{ name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: 'store' } }] }, healthy), stores),
      statusOf(cluster('e', {}, healthy)),
    ];
    const z = [zalandoStatus(obj('acid.zalan.do/v1', 'postgresql', 'old', 'db', {}, { PostgresClusterStatus: 'Running' }), [])];
    const s = summarize(statuses, z);
    assert.deepEqual(s, { clusters: 5, inTree: 2, mixed: 1, plugin: 1, other: 1, failing: 1, attention: 4, zalando: 1, zalandoNotMigrated: 1 });
    assert.equal(summaryLine(s), '5 clusters: 2 in-tree, 1 mixed, 1 plugin, 1 other · 1 failing · Zalando 1 (1 not migrated)');
    assert.equal(summaryLine(summarize([], [])), '0 clusters');
  });

  it('describes Zalando clusters with their migration', () => {
    const z = zalandoStatus(obj('acid.zalan.do/v1', 'postgresql', 'old', 'db', {}, { PostgresClusterStatus: 'Running' }), []);
    assert.equal(describeZalando(z), 'Zalando · Running · not migrated');
  });
});
