import { strict as assert } from 'node:assert';
import { IN_TREE_STORE, NOW, backup, barmanPlugin, cluster, codes, cond, hoursAgo, inTreeCluster, objectStore, pluginCluster, pod, scheduledBackup, statusOf } from './builders';

const healthyArchiving = { conditions: [cond('Ready', 'True'), cond('ContinuousArchiving', 'True', 'ContinuousArchivingSuccess')] };

describe('clusterStatus: in-tree', () => {
  it('is in-tree with the removal the detected operator announced', () => {
    const s = statusOf(inTreeCluster('pg', healthyArchiving), { backups: [backup('b1', 'pg', 'completed', hoursAgo(3), { method: 'barmanObjectStore' })] });
    assert.equal(s.config.architecture, 'in-tree');
    assert.deepEqual(s.removal, { version: '1.31.0', announcedBy: '1.30.0', removed: false });
    assert.deepEqual(codes(s), ['in-tree-deprecated']);
    assert.equal(s.severity, 'warning');
    assert.match(s.issues[0].message, /removed in CloudNativePG 1\.31\.0 \(announced by operator 1\.30\.0\)/);
    assert.equal(s.config.inTree?.serverName, 'pg');
    assert.equal(s.config.inTree?.retentionPolicy, '30d');
    assert.equal(s.config.inTree?.provider, 's3');
  });

  it('follows the deadline of older operators and the newest known one when undetected', () => {
    assert.equal(statusOf(inTreeCluster(), { operatorVersion: '1.29.0' }).removal?.version, '1.30.0');
    assert.equal(statusOf(inTreeCluster(), { operatorVersion: '1.28.0' }).removal?.version, '1.29.0');
    const unknown = statusOf(inTreeCluster(), { operatorVersion: undefined });
    assert.equal(unknown.removal?.version, '1.31.0');
    assert.match(unknown.removal!.announcedBy, /newest known/);
  });

  it('is an error once the operator is at the removal', () => {
    const s = statusOf(inTreeCluster(), { operatorVersion: '1.31.0' });
    assert.ok(codes(s).includes('in-tree-removed'));
    assert.equal(s.severity, 'error');
  });

  it('keeps the in-tree serverName and reads the deprecated cluster fields for in-tree clusters', () => {
    const c = cluster('pg', { backup: { barmanObjectStore: { ...IN_TREE_STORE, serverName: 'pg-v2' } } }, { ...healthyArchiving, lastSuccessfulBackup: hoursAgo(5), firstRecoverabilityPoint: hoursAgo(200) });
    const s = statusOf(c);
    assert.equal(s.config.inTree?.serverName, 'pg-v2');
    assert.equal(s.lastSuccessful?.source, 'cluster');
    assert.equal(s.lastSuccessful?.time, NOW - 5 * 3600_000);
    assert.equal(s.firstRecoverabilityPoint, NOW - 200 * 3600_000);
    assert.ok(!codes(s).includes('never-backed-up'));
  });
});

describe('clusterStatus: mixed', () => {
  it('flags double archiving when the plugin is added without isWALArchiver', () => {
    const c = cluster('pg', { backup: { barmanObjectStore: IN_TREE_STORE }, plugins: [barmanPlugin('store', { isWALArchiver: false })] }, healthyArchiving);
    const s = statusOf(c, { objectStores: { state: 'ok', objects: [objectStore('store')] }, backups: [backup('b', 'pg', 'completed', hoursAgo(1))] });
    assert.equal(s.config.architecture, 'mixed');
    assert.deepEqual(codes(s), ['double-archiving', 'mixed']);
    assert.match(s.issues.find((i) => i.code === 'mixed')!.message, /1\.31\.0/);
  });

  it('reports the archiver conflict the webhook rejects', () => {
    const c = cluster('pg', { backup: { barmanObjectStore: IN_TREE_STORE }, plugins: [barmanPlugin('store')] }, healthyArchiving);
    const s = statusOf(c, { objectStores: { state: 'ok', objects: [objectStore('store')] }, backups: [backup('b', 'pg', 'completed', hoursAgo(1))] });
    assert.deepEqual(codes(s), ['archiver-conflict', 'mixed']);
    assert.equal(s.severity, 'error');
  });

  it('counts in-tree external clusters of a plugin cluster as mixed', () => {
    const c = cluster('pg', { plugins: [barmanPlugin('store')], externalClusters: [{ name: 'origin', barmanObjectStore: IN_TREE_STORE }] }, healthyArchiving);
    const s = statusOf(c, { objectStores: { state: 'ok', objects: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(2) } })] } });
    assert.equal(s.config.architecture, 'mixed');
    assert.deepEqual(codes(s), ['in-tree-external', 'mixed']);
    assert.match(s.issues.find((i) => i.code === 'in-tree-external')!.message, /origin/);
  });

  it('reports in-tree external clusters on a cluster without backups, without calling it mixed', () => {
    const c = cluster('restored', { externalClusters: [{ name: 'origin', barmanObjectStore: IN_TREE_STORE }] }, healthyArchiving);
    const s = statusOf(c);
    assert.equal(s.config.architecture, 'none');
    assert.deepEqual(codes(s), ['in-tree-external', 'no-backups']);
    assert.ok(s.removal);
  });
});

describe('clusterStatus: plugin', () => {
  it('is healthy and reads the last backup from the ObjectStore window of the effective serverName, not the deprecated fields', () => {
    const c = pluginCluster('pg', { ...healthyArchiving, lastSuccessfulBackup: hoursAgo(1), firstRecoverabilityPoint: hoursAgo(1) }, barmanPlugin('store', { parameters: { barmanObjectName: 'store', serverName: 'pg-2' } }));
    const store = objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(1) }, 'pg-2': { lastSuccessfulBackupTime: hoursAgo(3), firstRecoverabilityPoint: hoursAgo(72) } });
    const s = statusOf(c, { objectStores: { state: 'ok', objects: [store] } });
    assert.equal(s.config.architecture, 'plugin');
    assert.deepEqual(codes(s), []);
    assert.equal(s.severity, 'ok');
    assert.equal(s.config.plugin?.store?.serverName, 'pg-2');
    assert.equal(s.config.plugin?.store?.retentionPolicy, '14d');
    assert.equal(s.config.plugin?.store?.endpointURL, 'https://minio.example:9000');
    assert.deepEqual(s.lastSuccessful, { time: NOW - 3 * 3600_000, source: 'objectStore' });
    assert.equal(s.firstRecoverabilityPoint, NOW - 72 * 3600_000);
    assert.equal(s.archiving.state, 'ok');
  });

  it('prefers a newer completed Backup over the ObjectStore window', () => {
    const s = statusOf(pluginCluster('pg', healthyArchiving), {
      objectStores: { state: 'ok', objects: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(30) } })] },
      backups: [backup('pg-1', 'pg', 'completed', hoursAgo(2)), backup('other', 'other-cluster', 'completed', hoursAgo(1))],
    });
    assert.deepEqual(s.lastSuccessful, { time: NOW - 2 * 3600_000, source: 'backup', detail: 'pg-1' });
    assert.deepEqual(s.backups?.map((b) => b.name), ['pg-1']);
  });

  it('is misconfigured without an archiver', () => {
    const s = statusOf(pluginCluster('pg', healthyArchiving, barmanPlugin('store', { isWALArchiver: false })), { objectStores: { state: 'ok', objects: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(2) } })] } });
    assert.deepEqual(codes(s), ['plugin-no-archiver']);
    assert.equal(s.severity, 'warning');
  });

  it('is misconfigured when the ObjectStore is missing from the namespace', () => {
    const elsewhere = objectStore('store', {}, 'other');
    const s = statusOf(pluginCluster('pg', healthyArchiving), { objectStores: { state: 'ok', objects: [elsewhere] }, backups: [backup('b', 'pg', 'completed', hoursAgo(1))] });
    assert.deepEqual(codes(s), ['plugin-objectstore-missing']);
    assert.match(s.issues[0].message, /ObjectStore store does not exist in namespace db/);
  });

  it('is misconfigured without barmanObjectName', () => {
    const s = statusOf(pluginCluster('pg', healthyArchiving, barmanPlugin(undefined)), { backups: [backup('b', 'pg', 'completed', hoursAgo(1))] });
    assert.deepEqual(codes(s), ['plugin-no-object-name']);
    assert.equal(s.archiving.state, 'ok');
  });

  it('reports a wrong plugin name (runbook 000 "barman-cloud")', () => {
    const c = cluster('pg', { plugins: [{ name: 'barman-cloud', isWALArchiver: true, parameters: { destinationPath: 's3://x' } }] }, { conditions: [cond('Ready', 'False'), cond('ContinuousArchiving', 'False', 'ContinuousArchivingFailing', 'wal archive plugin is not available')], phase: 'Cluster cannot proceed to reconciliation due to an unknown plugin being required' });
    const s = statusOf(c);
    assert.equal(s.config.architecture, 'plugin');
    assert.deepEqual(codes(s), ['archiving-failing', 'never-backed-up', 'plugin-unavailable', 'plugin-wrong-name']);
    assert.equal(s.severity, 'error');
  });

  it('says the plugin is not installed when the ObjectStore CRD is missing, and nothing while ObjectStores load', () => {
    const missing = statusOf(pluginCluster('pg', healthyArchiving), { objectStores: { state: 'unknown', why: 'crd-missing' }, backups: [backup('b', 'pg', 'completed', hoursAgo(1))] });
    assert.deepEqual(codes(missing), ['plugin-not-installed']);
    const loading = statusOf(pluginCluster('pg', healthyArchiving), { objectStores: { state: 'unknown', why: 'loading' }, backups: [backup('b', 'pg', 'completed', hoursAgo(1))] });
    assert.deepEqual(codes(loading), []);
    assert.equal(loading.config.plugin?.objectStore.state, 'unknown');
  });

  it('flags pods still running without the sidecar', () => {
    const s = statusOf(pluginCluster('pg', { ...healthyArchiving, currentPrimary: 'pg-1' }), {
      objectStores: { state: 'ok', objects: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(2) } })] },
      pods: [pod('pg-1', 'pg', { sidecar: true }), pod('pg-2', 'pg', { sidecar: false }), pod('x-1', 'x')],
    });
    assert.deepEqual(codes(s), ['sidecar-missing']);
    assert.match(s.issues[0].message, /1 of 2 .*pg-2/);
    assert.deepEqual(s.instanceList?.map((i) => [i.pod, i.role, i.hasBarmanSidecar]), [['pg-1', 'primary', true], ['pg-2', 'replica', false]]);
  });

  it('counts a third-party archiver plugin as plugin without barman issues', () => {
    const c = cluster('pg', { plugins: [{ name: 'pgbackrest.dalibo.com', isWALArchiver: true }] }, { ...healthyArchiving, conditions: [...healthyArchiving.conditions, cond('LastBackupSucceeded', 'True', 'LastBackupSucceeded')] });
    const s = statusOf(c);
    assert.equal(s.config.architecture, 'plugin');
    assert.deepEqual(codes(s), []);
  });
});

describe('clusterStatus: backups and archiving', () => {
  const store = (w: Record<string, string> = {}) => ({ objectStores: { state: 'ok' as const, objects: [objectStore('store', { pg: w })] } });

  it('warns when nothing is configured, and only informs for replica clusters', () => {
    const none = statusOf(cluster('pg', {}, { conditions: [cond('Ready', 'True')] }));
    assert.equal(none.config.architecture, 'none');
    assert.deepEqual(codes(none), ['no-backups']);
    assert.equal(none.severity, 'warning');
    assert.equal(none.archiving.state, 'off');
    const replica = statusOf(cluster('pg', { replica: { enabled: true, source: 'z' } }, healthyArchiving));
    assert.equal(replica.severity, 'info');
  });

  it('reports failing archiving with the barman message', () => {
    const c = pluginCluster('pg', { conditions: [cond('ContinuousArchiving', 'False', 'ContinuousArchivingFailing', 'unexpected failure invoking barman-cloud-wal-archive: exit status 4', hoursAgo(1))] });
    const s = statusOf(c, { ...store({ lastSuccessfulBackupTime: hoursAgo(2) }) });
    assert.deepEqual(codes(s), ['archiving-failing']);
    assert.equal(s.archiving.state, 'failing');
    assert.match(s.issues[0].message, /exit status 4/);
    assert.equal(s.archiving.since, NOW - 3600_000);
  });

  it('reports archiving unknown without the condition when archiving is configured', () => {
    assert.equal(statusOf(pluginCluster('pg', {}), store()).archiving.state, 'unknown');
  });

  it('reports the last backup failed with its error, but not a failure older than a success', () => {
    const failed = statusOf(pluginCluster('pg', healthyArchiving), { ...store(), backups: [backup('old', 'pg', 'completed', hoursAgo(30)), backup('new', 'pg', 'failed', hoursAgo(2), { error: 'can\'t upload: AccessDenied' })] });
    assert.deepEqual(codes(failed), ['last-backup-failed']);
    assert.match(failed.issues[0].message, /new: can't upload: AccessDenied/);
    assert.equal(failed.lastBackupFailed, true);
    const recovered = statusOf(pluginCluster('pg', healthyArchiving), { ...store(), backups: [backup('old', 'pg', 'failed', hoursAgo(30)), backup('new', 'pg', 'completed', hoursAgo(2))] });
    assert.deepEqual(codes(recovered), []);
  });

  it('reads failures from the ObjectStore window and from the LastBackupSucceeded condition', () => {
    const fromStore = statusOf(pluginCluster('pg', healthyArchiving), store({ lastSuccessfulBackupTime: hoursAgo(30), lastFailedBackupTime: hoursAgo(6) }));
    assert.deepEqual(codes(fromStore), ['last-backup-failed']);
    const fromCondition = statusOf(pluginCluster('pg', { conditions: [...healthyArchiving.conditions, cond('LastBackupSucceeded', 'False', 'LastBackupFailed', 'requested plugin is not available', hoursAgo(1))] }), store({ lastSuccessfulBackupTime: hoursAgo(30) }));
    assert.deepEqual(codes(fromCondition), ['last-backup-failed']);
    assert.match(fromCondition.issues[0].message, /requested plugin is not available/);
    // BackupStarted is False too, and is not a failure.
    const starting = statusOf(pluginCluster('pg', { conditions: [...healthyArchiving.conditions, cond('LastBackupSucceeded', 'False', 'BackupStarted', 'New Backup starting up', hoursAgo(0.1))] }), store({ lastSuccessfulBackupTime: hoursAgo(30) }));
    assert.deepEqual(codes(starting), []);
  });

  it('says never backed up, or first backup running, and nothing when Backups cannot be read', () => {
    assert.deepEqual(codes(statusOf(pluginCluster('pg', healthyArchiving), store())), ['never-backed-up']);
    const running = statusOf(pluginCluster('pg', healthyArchiving), { ...store(), backups: [backup('first', 'pg', 'running', undefined, { startedAt: hoursAgo(0.2) })] });
    assert.deepEqual(codes(running), ['first-backup-running']);
    assert.equal(running.running?.name, 'first');
    assert.deepEqual(codes(statusOf(pluginCluster('pg', healthyArchiving), { ...store(), backups: undefined })), []);
  });

  it('treats volume snapshots as backups', () => {
    const c = cluster('pg', { backup: { volumeSnapshot: { className: 'csi' } } }, healthyArchiving);
    const s = statusOf(c, { backups: [backup('snap', 'pg', 'completed', hoursAgo(4), { method: 'volumeSnapshot' })] });
    assert.equal(s.config.architecture, 'volume-snapshot');
    assert.deepEqual(codes(s), []);
    assert.equal(s.archiving.state, 'ok');
  });
});

describe('clusterStatus: scheduled backups and readiness', () => {
  const store = { objectStores: { state: 'ok' as const, objects: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(2) } })] } };

  it('flags a ScheduledBackup left on the default method after the migration', () => {
    const s = statusOf(pluginCluster('pg', healthyArchiving), { ...store, scheduledBackups: [scheduledBackup('daily', 'pg', '0 0 3 * * *')] });
    assert.deepEqual(codes(s), ['scheduled-backup-broken']);
    assert.match(s.issues[0].message, /no barmanObjectStore section/);
    assert.equal(s.scheduled?.[0].nextRun, NOW + 3600_000);
    assert.equal(s.scheduled?.[0].reading.cadence, 'every day at 03:00:00');
  });

  it('computes the next run when the operator has not set it yet, and flags an unparsable schedule', () => {
    const sb = scheduledBackup('daily', 'pg', '0 0 3 * * *', { method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } });
    delete sb.status;
    const s = statusOf(pluginCluster('pg', healthyArchiving), { ...store, scheduledBackups: [sb] });
    assert.equal(s.scheduled?.[0].nextRun, Date.parse('2026-07-02T03:00:00Z'));
    const bad = statusOf(pluginCluster('pg', healthyArchiving), { ...store, scheduledBackups: [scheduledBackup('x', 'pg', 'every day', { method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } })] });
    assert.deepEqual(codes(bad), ['scheduled-backup-broken']);
    assert.match(bad.issues[0].message, /cannot parse/);
  });

  it('flags a plugin name that is not enabled, and only informs for suspended ones', () => {
    const wrong = statusOf(pluginCluster('pg', healthyArchiving), { ...store, scheduledBackups: [scheduledBackup('daily', 'pg', '0 0 3 * * *', { method: 'plugin', pluginConfiguration: { name: 'barman-cloud' } })] });
    assert.match(wrong.issues[0].message, /barman-cloud is not an enabled plugin/);
    const suspended = statusOf(pluginCluster('pg', healthyArchiving), { ...store, scheduledBackups: [scheduledBackup('daily', 'pg', '0 0 3 * * *', { suspend: true })] });
    assert.equal(suspended.severity, 'info');
    assert.equal(suspended.scheduled?.[0].nextRun, undefined);
  });

  it('accepts a correct plugin ScheduledBackup and flags five-field schedules', () => {
    const ok = statusOf(pluginCluster('pg', healthyArchiving), { ...store, scheduledBackups: [scheduledBackup('daily', 'pg', '0 0 3 * * *', { method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } })] });
    assert.deepEqual(codes(ok), []);
    const five = statusOf(inTreeCluster('pg', healthyArchiving), { scheduledBackups: [scheduledBackup('daily', 'pg', '0 3 * * *')], backups: [backup('b', 'pg', 'completed', hoursAgo(1))] });
    assert.deepEqual(codes(five), ['five-field-schedule', 'in-tree-deprecated']);
    assert.match(five.issues.find((i) => i.code === 'five-field-schedule')!.message, /runs every hour at minute 3, second 0\. Standard cron would mean every day at 03:00:00: write six fields, "0 0 3 \* \* \*"/);
  });

  it('reports a cluster that is not ready with its phase', () => {
    const s = statusOf(pluginCluster('pg', { conditions: [cond('Ready', 'False', 'ClusterIsNotReady')], phase: 'Switchover in progress', phaseReason: 'Switching over to pg-2', readyInstances: 1 }), store);
    assert.deepEqual(codes(s), ['not-ready']);
    assert.match(s.issues[0].message, /Switchover in progress: Switching over to pg-2/);
    assert.equal(s.ready, false);
    assert.equal(s.readyInstances, 1);
  });
});
