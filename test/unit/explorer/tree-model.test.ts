import { strict as assert } from 'node:assert';
import type { ContextSnapshot, KindState, KubeObject, WatchedKind } from '../../../src/kube/types';
import { buildTree, findRow } from '../../../src/core/status/tree-model';
import { TreeCache } from '../../../src/core/status/tree-cache';
import type { RowModel, TreeOptions } from '../../../src/core/status/tree-types';
import { NOW, backup, barmanPlugin, cluster, cond, hoursAgo, inTreeCluster, obj, objectStore, pluginCluster, pod, scheduledBackup } from '../status/builders';

const healthy = { conditions: [cond('Ready', 'True'), cond('ContinuousArchiving', 'True')], currentPrimary: 'pg-1' };
const options: TreeOptions = { now: NOW, attentionOnly: false, namespaces: [] };

function snapshot(kinds: Partial<Record<WatchedKind, KubeObject[] | KindState>>, context = 'prod'): ContextSnapshot {
  const all: WatchedKind[] = ['clusters', 'backups', 'scheduledBackups', 'objectStores', 'pods', 'zalando'];
  const state = (v: KubeObject[] | KindState | undefined): KindState => (v === undefined ? { state: 'ok', objects: [] } : Array.isArray(v) ? { state: 'ok', objects: v } : v);
  return {
    context,
    kinds: Object.fromEntries(all.map((k) => [k, state(kinds[k])])) as Record<WatchedKind, KindState>,
    operator: { version: '1.30.0', namespace: 'cnpg-system', barmanPlugin: { present: true, version: '0.14.0' } },
  };
}

const zalandoPg = obj('acid.zalan.do/v1', 'postgresql', 'mastodon-postgresql', 'mastodon', { teamId: 'acid', numberOfInstances: 2, postgresql: { version: '16' } }, { PostgresClusterStatus: 'Running' });
const replicaOfZalando = cluster('database-replica', {
  bootstrap: { pg_basebackup: { source: 'zalando' } },
  replica: { enabled: true, source: 'zalando' },
  externalClusters: [{ name: 'zalando', connectionParameters: { host: 'mastodon-postgresql.mastodon.svc' } }],
}, { conditions: [cond('Ready', 'True')] }, 'mastodon');

function fullSnapshot(): ContextSnapshot {
  return snapshot({
    clusters: [pluginCluster('pg', healthy), inTreeCluster('legacy', healthy), replicaOfZalando],
    objectStores: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(3) } })],
    backups: [
      backup('pg-1', 'pg', 'completed', hoursAgo(3), { startedAt: hoursAgo(3.1) }),
      backup('pg-0', 'pg', 'failed', hoursAgo(27), { error: 'AccessDenied' }),
      backup('legacy-1', 'legacy', 'completed', hoursAgo(5), { method: 'barmanObjectStore' }),
    ],
    scheduledBackups: [scheduledBackup('legacy-daily', 'legacy', '0 3 * * *')],
    pods: [pod('pg-1', 'pg', { sidecar: true }), pod('pg-2', 'pg', { sidecar: true })],
    zalando: [zalandoPg],
  });
}

const labels = (rows: RowModel[]) => rows.map((r) => r.label);

describe('explorer tree model', () => {
  it('lists contexts, the active one expanded with its operator, others waiting', () => {
    const [prod, staging] = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }, { name: 'staging', active: false, snapshot: undefined }], options);
    assert.equal(prod.expanded, true);
    assert.equal(prod.description, 'active · operator 1.30.0 · barman plugin 0.14.0');
    assert.equal(prod.contextValue, 'cnpg.context+active');
    assert.equal(staging.expanded, false);
    assert.deepEqual(labels(staging.children), ['Loading…']);
  });

  it('groups clusters and Zalando clusters by namespace under a summary row', () => {
    const [prod] = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }], options);
    assert.deepEqual(labels(prod.children), ['3 clusters: 1 in-tree, 1 plugin, 1 other · Zalando 1', 'db', 'mastodon']);
    assert.equal(prod.children[0].description, '1 needs attention');
    const db = prod.children[1];
    assert.deepEqual(labels(db.children), ['legacy', 'pg']);
    assert.deepEqual(labels(prod.children[2].children), ['database-replica', 'mastodon-postgresql']);
  });

  it('builds a cluster row with state icon, description, tokens and children', () => {
    const rows = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }], options);
    const pg = findRow(rows, (r) => r.kind === 'cluster' && r.label === 'pg')!;
    assert.equal(pg.id, 'ctx/prod/ns/db/cluster/pg');
    assert.equal(pg.description, 'plugin · archiving ok · backup 3h ago');
    assert.deepEqual(pg.icon, { id: 'database', color: 'testing.iconPassed' });
    assert.equal(pg.contextValue, 'cnpg.cluster+plugin');
    assert.deepEqual(pg.target, { context: 'prod', namespace: 'db', name: 'pg', apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' });
    assert.deepEqual(labels(pg.children), ['Backup configuration', 'Backups', 'Scheduled backups', 'Instances', 'Plugin status', 'Conditions']);
    const config = pg.children[0].children.map((r) => `${r.label}=${r.description}`);
    assert.ok(config.includes('ObjectStore=store'));
    assert.ok(config.includes('serverName=pg'));
    assert.ok(config.includes('Endpoint=https://minio.example:9000'));
    assert.ok(config.includes('Retention=14d'));
    assert.ok(config.some((c) => c.startsWith('Last successful backup=3h ago') && c.includes('from Backup')), config.join('\n'));
    const backups = pg.children[1];
    assert.equal(backups.description, '2');
    assert.deepEqual(backups.children.map((b) => b.description), ['completed · plugin · 6m 0s · 3h ago', 'failed · plugin · 0s · 1d ago · AccessDenied']);
    assert.equal(backups.children[1].contextValue, 'cnpg.backup+failed');
    assert.equal(pg.children[3].description, '2/2 ready');
    assert.deepEqual(pg.children[3].children.map((r) => `${r.label}:${r.description}`), ['pg-1:primary · ready', 'pg-2:replica · ready']);
    assert.deepEqual(labels(pg.children[5].children), ['Ready', 'ContinuousArchiving']);
  });

  it('puts issues first and flags in-tree clusters as migratable needing attention', () => {
    const rows = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }], options);
    const legacy = findRow(rows, (r) => r.kind === 'cluster' && r.label === 'legacy')!;
    assert.equal(legacy.contextValue, 'cnpg.cluster+inTree+migratable+attention');
    assert.deepEqual(legacy.icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });
    assert.deepEqual(labels(legacy.children).slice(0, 2), ['In-tree Barman Cloud is deprecated', 'Five-field schedule (seconds first)']);
    assert.match(legacy.tooltip!, /will be removed in CloudNativePG 1\.31\.0/);
    const sched = findRow(legacy.children, (r) => r.kind === 'scheduled')!;
    assert.equal(sched.contextValue, 'cnpg.scheduledBackup+fiveField');
    assert.equal(sched.description, '0 3 * * * · five fields: seconds first · every hour at minute 3, second 0 · next in 1h');
    assert.ok(sched.tooltip!.includes('runs every hour at minute 3, second 0 \\(UTC\\)'), sched.tooltip);
  });

  it('shows the Zalando migration on both sides', () => {
    const rows = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }], options);
    const z = findRow(rows, (r) => r.kind === 'zalando')!;
    assert.equal(z.description, 'Zalando · Running · replica mastodon/database-replica streaming');
    assert.equal(z.contextValue, 'cnpg.zalando+replicaStreaming');
    assert.equal(z.target?.kind, 'postgresql');
    const replica = findRow(rows, (r) => r.kind === 'cluster' && r.label === 'database-replica')!;
    assert.ok(replica.children[1].children.some((r) => r.label === 'Source' && r.description === 'Zalando mastodon/mastodon-postgresql (replica)'));
  });

  it('keeps only clusters that need attention when filtered, and says so when none do', () => {
    const [prod] = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }], { ...options, attentionOnly: true });
    assert.deepEqual(labels(prod.children), ['3 clusters: 1 in-tree, 1 plugin, 1 other · Zalando 1', 'db']);
    assert.deepEqual(labels(prod.children[1].children), ['legacy']);
    const [calm] = buildTree([{ name: 'prod', active: true, snapshot: snapshot({ clusters: [pluginCluster('pg', healthy)], objectStores: [objectStore('store', { pg: { lastSuccessfulBackupTime: hoursAgo(1) } })] }) }], { ...options, attentionOnly: true });
    assert.deepEqual(labels(calm.children), ['1 cluster: 1 plugin', 'No cluster needs attention']);
  });

  it('limits namespaces to the chosen ones', () => {
    const [prod] = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }], { ...options, namespaces: ['mastodon'] });
    assert.deepEqual(labels(prod.children), ['1 cluster: 1 other · Zalando 1', 'mastodon']);
  });

  it('shows an error node per unusable context with its reason', () => {
    const unreachable = snapshot({ clusters: { state: 'error', error: { reason: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:6443' } } }, 'lab');
    const noCrd = snapshot({ clusters: { state: 'error', error: { reason: 'crd-missing', message: 'clusters.postgresql.cnpg.io is not installed', status: 404 } } }, 'dev');
    const rows = buildTree([
      { name: 'lab', active: false, snapshot: unreachable },
      { name: 'dev', active: false, snapshot: noCrd },
      { name: 'broken', active: false, snapshot: undefined, error: { reason: 'other', message: 'kubeconfig: no user for context' } },
    ], options);
    assert.deepEqual(rows.map((r) => [r.children[0].label, r.children[0].contextValue]), [
      ['Cannot reach the API server', 'cnpg.context.error+unreachable'],
      ['CloudNativePG is not installed', 'cnpg.context.error+crd-missing'],
      ['Error', 'cnpg.context.error+other'],
    ]);
    assert.equal(rows[0].children[0].description, 'connect ECONNREFUSED 127.0.0.1:6443');
    assert.match(rows[1].children[0].tooltip!, /HTTP 404/);
  });

  it('shows kinds that could not be read, except missing optional CRDs', () => {
    const s = snapshot({
      clusters: [pluginCluster('pg', healthy)],
      backups: { state: 'error', error: { reason: 'forbidden', message: 'backups.postgresql.cnpg.io is forbidden in db' } },
      zalando: { state: 'error', error: { reason: 'crd-missing', message: 'no Zalando' } },
      objectStores: { state: 'error', error: { reason: 'crd-missing', message: 'no ObjectStore CRD' } },
    });
    const [prod] = buildTree([{ name: 'prod', active: true, snapshot: s }], options);
    assert.deepEqual(labels(prod.children), ['1 cluster: 1 plugin · 1 failing', 'Backups: not allowed (RBAC)', 'db']);
    assert.equal(prod.children[1].contextValue, 'cnpg.context.error+partial+forbidden');
    const pg = findRow([prod], (r) => r.kind === 'cluster')!;
    assert.equal(pg.children[0].label, 'Barman Cloud Plugin not installed');
    assert.equal(findRow(pg.children, (r) => r.label === 'Backups')!.description, 'not readable');
  });

  it('reads a missing optional API as normal and shows namespaces that could not be read', () => {
    const s = snapshot({
      clusters: { state: 'ok', objects: [pluginCluster('pg', healthy)], warnings: [{ reason: 'forbidden', message: 'clusters in namespace secret-team are forbidden' }] },
      objectStores: { state: 'ok', objects: [], apiMissing: true },
      zalando: { state: 'ok', objects: [], apiMissing: true },
    });
    const [prod] = buildTree([{ name: 'prod', active: true, snapshot: s }], options);
    assert.deepEqual(labels(prod.children), ['1 cluster: 1 plugin · 1 failing', 'Clusters: not allowed (RBAC)', 'db']);
    assert.equal(prod.children[1].description, 'clusters in namespace secret-team are forbidden');
    const pg = findRow([prod], (r) => r.kind === 'cluster')!;
    assert.equal(pg.children[0].label, 'Barman Cloud Plugin not installed');
  });

  it('reuses the rows of unchanged clusters and rebuilds a changed one', () => {
    const s = fullSnapshot();
    const all = (['clusters', 'backups', 'scheduledBackups', 'objectStores', 'pods', 'zalando'] as WatchedKind[]).flatMap((k) => (s.kinds[k] as { objects: KubeObject[] }).objects);
    all.forEach((o, i) => (o.metadata.resourceVersion = String(i + 1)));
    const cache = new TreeCache();
    const opts = { ...options, cache };
    const first = buildTree([{ name: 'prod', active: true, snapshot: s }], opts);
    cache.sweep();
    const pg = (rows: RowModel[]) => findRow(rows, (r) => r.kind === 'cluster' && r.label === 'pg')!;
    const legacy = (rows: RowModel[]) => findRow(rows, (r) => r.kind === 'cluster' && r.label === 'legacy')!;
    const changed = (s.kinds.backups as { objects: KubeObject[] }).objects.find((b) => b.metadata.name === 'pg-1')!;
    changed.metadata.resourceVersion = '999';
    changed.status = { phase: 'running', startedAt: hoursAgo(0.1) };
    const second = buildTree([{ name: 'prod', active: true, snapshot: s }], opts);
    assert.equal(legacy(second), legacy(first));
    assert.notEqual(pg(second), pg(first));
    assert.match(pg(second).description!, /backup running$/);
    // A minute later the relative times are rebuilt.
    const later = buildTree([{ name: 'prod', active: true, snapshot: s }], { ...opts, now: NOW + 60_000 });
    assert.notEqual(legacy(later), legacy(second));
    assert.deepEqual(legacy(later).description, legacy(second).description);
  });

  it('gives every row a unique id', () => {
    const rows = buildTree([{ name: 'prod', active: true, snapshot: fullSnapshot() }, { name: 'x', active: false, snapshot: fullSnapshot() }], options);
    const ids: string[] = [];
    const walk = (rs: RowModel[]) => rs.forEach((r) => (ids.push(r.id), walk(r.children)));
    walk(rows);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('escapes Markdown coming from the cluster in tooltips', () => {
    const c = pluginCluster('pg', { conditions: [cond('ContinuousArchiving', 'False', 'ContinuousArchivingFailing', 'bad [link](http://x) $(bug) *x*')] }, barmanPlugin('store'));
    const [prod] = buildTree([{ name: 'prod', active: true, snapshot: snapshot({ clusters: [c], objectStores: [objectStore('store')] }) }], options);
    const pg = findRow([prod], (r) => r.kind === 'cluster')!;
    assert.ok(!pg.tooltip!.includes('[link](http://x)'));
    assert.ok(pg.tooltip!.includes('\\[link\\]\\(http://x\\)'));
    assert.ok(!pg.tooltip!.includes(' $(bug)'));
  });
});
