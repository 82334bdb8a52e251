import { strict as assert } from 'node:assert';
import { createContextWatcher } from '../../../src/kube/watcher';
import type { ContextWatcher } from '../../../src/kube/types';
import type { FakeKubeServer } from '../../kube-fake/server';
import { k8s, type KubeConfig } from '../../../src/kube/client';
import { FAST, names, objects, recordingScheduler, startScene, summary, waitFor } from './helpers';

const allOk = (s: { kinds: Record<string, { state: string }> }) => Object.values(s.kinds).every((k) => k.state === 'ok');

describe('ContextWatcher against the fake API server', () => {
  let server: FakeKubeServer;
  let config: KubeConfig;
  const watchers: ContextWatcher[] = [];
  const watcher = (options: Parameters<typeof createContextWatcher>[2] = {}, context = 'fake') => {
    const w = createContextWatcher(config, context, { ...FAST, ...options });
    watchers.push(w);
    return w;
  };
  beforeEach(async () => ({ server, config } = await startScene()));
  afterEach(async () => {
    for (const w of watchers.splice(0)) w.stop();
    await server.close();
  });

  const lists = (resource?: string) => server.requests.filter((r) => r.verb === 'list' && (!resource || r.resource === resource)).length;
  const watches = (resource: string) => server.requests.filter((r) => r.verb === 'watch' && r.resource === resource);

  it('lists every kind, detects the operator, and then only watches', async () => {
    const w = watcher();
    w.start();
    const s = await waitFor(w, (s) => allOk(s) && s.operator !== undefined, 'all kinds');
    assert.deepEqual(names(s, 'clusters'), ['db/pg-mixed', 'db/pg-plugin', 'legacy/pg-intree', 'payments/pg-failing']);
    assert.deepEqual(names(s, 'objectStores'), ['db/pg-mixed-store', 'db/pg-plugin-store']);
    assert.deepEqual(names(s, 'zalando'), ['legacy/acid-minimal-cluster']);
    assert.equal(objects(s, 'pods').length, 9);
    assert.equal(objects(s, 'pods')[0].kind, 'Pod', 'built-in list items get their kind back');
    assert.equal(objects(s, 'scheduledBackups').length, 2);
    assert.deepEqual(s.operator, { version: '1.30.0', namespace: 'cnpg-system', barmanPlugin: { present: true, version: '0.14.0' }, source: 'deployment' });
    for (const r of ['clusters', 'backups', 'scheduledbackups', 'objectstores', 'pods', 'postgresqls']) {
      assert.equal(lists(r), 1, `one list of ${r}`);
      await waitForWatch(server, r);
    }
    const watch = watches('pods')[0];
    assert.equal(watch.query.allowWatchBookmarks, 'true');
    assert.equal(watch.query.labelSelector, 'cnpg.io/cluster');
    assert.ok(Number(watch.query.timeoutSeconds) >= 300 && Number(watch.query.timeoutSeconds) < 600);
  });

  it('reads the operator again when the instances report an upgrade, and only then', async () => {
    const w = watcher();
    w.start();
    await waitFor(w, (s) => allOk(s) && s.operator?.version === '1.30.0');
    await waitForWatch(server, 'pods');
    const deploymentLists = () => server.requests.filter((r) => r.resource === 'deployments').length;
    const before = deploymentLists();
    // A pod change that says nothing new about versions reads nothing.
    server.modify('v1', 'Pod', 'db', 'pg-plugin-1', (p) => ((p.metadata.labels as Record<string, string>)['touched'] = 'yes'));
    await waitFor(w, (s) => objects(s, 'pods').some((p) => p.metadata.labels?.touched === 'yes'));
    assert.equal(deploymentLists(), before);
    // The operator is upgraded: its Deployment first, then it stamps its version on the instances.
    server.modify('apps/v1', 'Deployment', 'cnpg-system', 'cnpg-controller-manager', (d) => {
      ((d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = 'ghcr.io/cloudnative-pg/cloudnative-pg:1.31.0');
    });
    server.modify('v1', 'Pod', 'db', 'pg-plugin-1', (p) => ((p.metadata.annotations as Record<string, string>)['cnpg.io/operatorVersion'] = '1.31.0'));
    const s = await waitFor(w, (s) => s.operator?.version === '1.31.0', 'the upgraded operator');
    assert.equal(s.operator?.source, 'deployment');
    const after = deploymentLists();
    assert.ok(after > before);
    // Further changes with the same versions read nothing more.
    server.modify('v1', 'Pod', 'db', 'pg-plugin-2', (p) => ((p.metadata.annotations as Record<string, string>)['cnpg.io/operatorVersion'] = '1.31.0'));
    await waitFor(w, (s) => objects(s, 'pods').filter((p) => p.metadata.annotations?.['cnpg.io/operatorVersion'] === '1.31.0').length === 2);
    assert.equal(deploymentLists(), after);
  });

  it('follows additions, changes and deletions through the watch, without listing again', async () => {
    const w = watcher();
    w.start();
    await waitFor(w, allOk);
    await waitForWatch(server, 'clusters');
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (c) => ((c.status as Record<string, unknown>).phase = 'Switchover in progress'));
    server.remove('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-mixed');
    server.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'db', labels: { app: 'web' } } });
    const s = await waitFor(w, (s) => names(s, 'clusters').length === 3 && objects(s, 'clusters').some((c) => c.status?.phase === 'Switchover in progress'));
    assert.ok(!names(s, 'pods').includes('db/web-1'), 'only CNPG instance pods are watched');
    assert.equal(lists('clusters'), 1);
  });

  it('resumes from the last resourceVersion after a dropped connection', async () => {
    const w = watcher({ kinds: ['clusters'], detectOperator: false });
    w.start();
    await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
    await waitForWatch(server, 'clusters');
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (c) => (c.metadata.labels = { seen: 'before-drop' }));
    await waitFor(w, (s) => objects(s, 'clusters').some((c) => c.metadata.labels?.seen === 'before-drop'));
    const lastSeen = server.get('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin')!.metadata.resourceVersion;
    server.dropWatches();
    // Changed while no watch is open: the resumed watch must replay it.
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'legacy', 'pg-intree', (c) => (c.metadata.labels = { seen: 'during-outage' }));
    const s = await waitFor(w, (s) => objects(s, 'clusters').some((c) => c.metadata.labels?.seen === 'during-outage'));
    assert.equal(s.kinds.clusters.state, 'ok');
    assert.equal(lists('clusters'), 1, 'no relist');
    assert.equal(watches('clusters').at(-1)!.query.resourceVersion, lastSeen);
  });

  it('lists again when the resourceVersion is too old (ERROR 410 event or HTTP 410)', async () => {
    for (const tooOldWatch of ['event', 'http'] as const) {
      await server.close();
      ({ server, config } = await startScene({ tooOldWatch }));
      const w = watcher({ kinds: ['clusters'], detectOperator: false });
      w.start();
      await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
      await waitForWatch(server, 'clusters');
      server.dropWatches();
      server.remove('postgresql.cnpg.io/v1', 'Cluster', 'payments', 'pg-failing');
      server.compact();
      const s = await waitFor(w, (s) => names(s, 'clusters').length === 3, `relist (${tooOldWatch})`);
      assert.ok(!names(s, 'clusters').includes('payments/pg-failing'));
      assert.equal(lists('clusters'), 2, `one relist (${tooOldWatch})`);
      w.stop();
    }
  });

  it('backs off exponentially (capped, jittered) while the server is unreachable, then resumes', async () => {
    const scheduler = recordingScheduler();
    const w = watcher({ kinds: ['clusters'], detectOperator: false, scheduler, random: () => 1, backoff: { initialMs: 100, maxMs: 800, factor: 2 } });
    w.start();
    await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
    await waitForWatch(server, 'clusters');
    await server.stop();
    const down = await waitFor(w, () => scheduler.delays.length >= 6, 'six reconnect attempts');
    const state = down.kinds.clusters;
    assert.equal(state.state, 'error');
    assert.equal(state.state === 'error' && state.error.reason, 'unreachable');
    assert.equal(state.state === 'error' && state.error.message, `Cannot reach ${server.url}: connection refused`);
    assert.deepEqual(scheduler.delays.slice(0, 6), [100, 200, 400, 800, 800, 800]);
    const rv = server.store.resourceVersion;
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (c) => (c.metadata.labels = { back: 'yes' }));
    await server.restart();
    const up = await waitFor(w, (s) => objects(s, 'clusters').some((c) => c.metadata.labels?.back === 'yes'), 'recovery');
    assert.equal(up.kinds.clusters.state, 'ok');
    assert.equal(lists('clusters'), 1, 'resumed by resourceVersion, no relist');
    assert.equal(watches('clusters').at(-1)!.query.resourceVersion, String(rv));
  });

  it('draws each delay between half and all of the capped step', async () => {
    const scheduler = recordingScheduler();
    const w = watcher({ kinds: ['clusters'], detectOperator: false, scheduler, random: () => 0, backoff: { initialMs: 100, maxMs: 400, factor: 2 } });
    await server.stop();
    w.start();
    await waitFor(w, () => scheduler.delays.length >= 4, 'four attempts');
    assert.deepEqual(scheduler.delays.slice(0, 4), [50, 100, 200, 200]);
    assert.equal(server.requests.length, 0);
  });

  it('reports RBAC refusals per kind and keeps the other kinds', async () => {
    server.deny({ verbs: ['list'], resources: ['backups'] });
    const w = watcher();
    w.start();
    const s = await waitFor(w, (s) => s.kinds.backups.state === 'error' && s.kinds.clusters.state === 'ok');
    const backups = s.kinds.backups;
    assert.equal(backups.state === 'error' && backups.error.reason, 'forbidden');
    assert.equal(
      backups.state === 'error' && backups.error.message,
      'You may not list backups.postgresql.cnpg.io in all namespaces (RBAC): backups.postgresql.cnpg.io is forbidden: User "system:anonymous" cannot list resource "backups" in API group "postgresql.cnpg.io" at the cluster scope',
    );
    assert.equal(names(s, 'clusters').length, 4);
    const inDb = watcher({ namespaces: ['db'], detectOperator: false });
    inDb.start();
    const one = await waitFor(inDb, (s) => s.kinds.backups.state === 'error' && s.kinds.clusters.state === 'ok');
    const b = one.kinds.backups;
    assert.equal(
      b.state === 'error' && b.error.message,
      'You may not list backups.postgresql.cnpg.io in namespace db (RBAC): backups.postgresql.cnpg.io is forbidden: User "system:anonymous" cannot list resource "backups" in API group "postgresql.cnpg.io" in the namespace "db"',
    );
  });

  it('falls back to the namespaces the user may read when listing across all is forbidden', async () => {
    server.deny({ resources: ['clusters'], namespaces: ['payments'] });
    const w = watcher({ kinds: ['clusters'], detectOperator: false });
    w.start();
    const s = await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
    assert.deepEqual(names(s, 'clusters'), ['db/pg-mixed', 'db/pg-plugin', 'legacy/pg-intree']);
    assert.equal(s.kinds.clusters.state === 'ok' && s.kinds.clusters.warnings, undefined);
    server.put({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg-new', namespace: 'legacy' }, spec: { instances: 1 } });
    await waitFor(w, (s) => names(s, 'clusters').includes('legacy/pg-new'), 'a per-namespace watch');
  });

  it('in fallback mode follows namespaces created and deleted after the start', async () => {
    server.deny({ resources: ['clusters'], namespaces: ['payments'] });
    const w = watcher({ kinds: ['clusters'], detectOperator: false });
    w.start();
    await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
    const namespaceLists = () => server.requests.filter((r) => r.resource === 'namespaces' && r.verb === 'list').length;
    assert.equal(namespaceLists(), 1);
    // put() creates the namespace first, as kubectl apply of a namespace and its Cluster would.
    server.put({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg-analytics', namespace: 'analytics' }, spec: { instances: 1 } });
    await waitFor(w, (s) => names(s, 'clusters').includes('analytics/pg-analytics'), 'the cluster in the new namespace');
    assert.equal(namespaceLists(), 1, 'namespaces are watched, not listed again');
    server.remove('v1', 'Namespace', undefined, 'legacy');
    const s = await waitFor(w, (s) => !names(s, 'clusters').some((n) => n.startsWith('legacy/')), 'the deleted namespace gone');
    assert.deepEqual(names(s, 'clusters'), ['analytics/pg-analytics', 'db/pg-mixed', 'db/pg-plugin']);
  });

  it('reports the cluster-scope refusal when no namespace is readable either', async () => {
    server.deny({ resources: ['clusters', 'namespaces'] });
    const w = watcher({ kinds: ['clusters'], detectOperator: false });
    w.start();
    const s = await waitFor(w, (s) => s.kinds.clusters.state === 'error');
    const c = s.kinds.clusters;
    assert.match(c.state === 'error' ? c.error.message : '', /^You may not list clusters\.postgresql\.cnpg\.io in all namespaces \(RBAC\): .* at the cluster scope$/);
  });

  it('with chosen namespaces, shows the readable ones and warns about the others', async () => {
    server.deny({ resources: ['clusters'], namespaces: ['payments'] });
    const w = watcher({ kinds: ['clusters'], detectOperator: false, namespaces: ['db', 'payments'] });
    w.start();
    const s = await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
    assert.deepEqual(names(s, 'clusters'), ['db/pg-mixed', 'db/pg-plugin']);
    const c = s.kinds.clusters;
    assert.equal(c.state === 'ok' && c.warnings?.map((e) => e.reason).join(), 'forbidden');
    assert.ok(server.requests.every((r) => r.resource !== 'clusters' || r.namespace !== undefined), 'never across all namespaces');
  });

  it('says CloudNativePG is missing when its API is, and treats missing optional APIs as empty', async () => {
    server.uninstallGroup('postgresql.cnpg.io');
    server.uninstallGroup('acid.zalan.do');
    server.uninstallGroup('barmancloud.cnpg.io');
    const w = watcher();
    w.start();
    const s = await waitFor(w, (s) => Object.values(s.kinds).every((k) => k.state !== 'loading'));
    const c = s.kinds.clusters;
    assert.equal(c.state === 'error' && c.error.reason, 'crd-missing');
    assert.equal(c.state === 'error' && c.error.message, 'CloudNativePG is not installed in this cluster (no clusters.postgresql.cnpg.io API)');
    assert.deepEqual(s.kinds.zalando, { state: 'ok', objects: [], apiMissing: true });
    assert.deepEqual(s.kinds.objectStores, { state: 'ok', objects: [], apiMissing: true });
    assert.equal(s.kinds.pods.state, 'ok');
    const missing = () => server.requests.filter((r) => r.path.startsWith('/apis/postgresql.cnpg.io') || r.path.startsWith('/apis/acid.zalan.do') || r.path.startsWith('/apis/barmancloud.cnpg.io')).length;
    const before = missing();
    assert.equal(before, 5, 'one list per missing kind');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(missing(), before, 'a missing API is not polled');
  });

  it('retry() lists again what failed, once the cause is gone', async () => {
    const lift = server.deny({ resources: ['backups'] });
    const w = watcher();
    w.start();
    await waitFor(w, (s) => s.kinds.backups.state === 'error' && s.kinds.clusters.state === 'ok');
    const clusterLists = lists('clusters');
    lift();
    w.retry();
    const s = await waitFor(w, (s) => s.kinds.backups.state === 'ok');
    assert.equal(objects(s, 'backups').length, 3);
    assert.equal(lists('clusters'), clusterLists, 'healthy kinds are left alone');
  });

  it('keeps contexts apart: a dead or unknown context does not affect a live one', async () => {
    const dead = await startScene();
    const deadConfig = dead.config;
    await dead.server.close();
    const broken = createContextWatcher(deadConfig, 'fake', { ...FAST, kinds: ['clusters'] });
    const unknown = watcher({}, 'no-such-context');
    const live = watcher({ kinds: ['clusters'] });
    watchers.push(broken);
    for (const w of [broken, unknown, live]) w.start();
    await waitFor(broken, (s) => s.kinds.clusters.state === 'error');
    assert.equal(summary(unknown.snapshot()).clusters, 'error(other: The kubeconfig has no context named "no-such-context".)');
    const s = await waitFor(live, (s) => s.kinds.clusters.state === 'ok');
    assert.equal(names(s, 'clusters').length, 4);
  });

  it('stops its watches when stopped and resumes them without a list when started again', async () => {
    const w = watcher({ kinds: ['clusters'], detectOperator: false });
    w.start();
    await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
    await waitForWatch(server, 'clusters');
    w.stop();
    await until(() => server.openWatches().length === 0);
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (c) => (c.metadata.labels = { while: 'hidden' }));
    w.start();
    await waitFor(w, (s) => objects(s, 'clusters').some((c) => c.metadata.labels?.while === 'hidden'));
    assert.equal(lists('clusters'), 1);
  });

  it('moves its position forward on bookmarks, so a resumed watch needs no relist', async () => {
    await server.close();
    ({ server, config } = await startScene({ historyLimit: 3 }));
    const w = watcher({ kinds: ['clusters'], detectOperator: false });
    w.start();
    await waitFor(w, (s) => s.kinds.clusters.state === 'ok');
    await waitForWatch(server, 'clusters');
    // Other kinds change: the clusters' last resourceVersion falls out of the server's history.
    for (let i = 0; i < 5; i++) server.modify('v1', 'Pod', 'db', 'pg-plugin-1', (p) => (p.metadata.annotations!.n = String(i)));
    const bookmarkRv = String(server.store.resourceVersion);
    server.bookmark();
    server.dropWatches(undefined, false);
    await until(() => watches('clusters').length === 2 && server.openWatches().length === 1);
    assert.equal(watches('clusters')[1].query.resourceVersion, bookmarkRv);
    assert.equal(lists('clusters'), 1);
  });

  it('lists in pages', async () => {
    const w = watcher({ kinds: ['pods'], detectOperator: false, listPageSize: 2 });
    w.start();
    const s = await waitFor(w, (s) => s.kinds.pods.state === 'ok');
    assert.equal(objects(s, 'pods').length, 9);
    assert.equal(lists('pods'), 5);
  });

  it('reports rejected credentials once, without retrying on its own', async () => {
    await server.close();
    ({ server } = await startScene({ tokens: { 'good-token': 'alice' } }));
    config = new k8s.KubeConfig();
    config.loadFromString(server.kubeconfig({ token: 'stale-token' }));
    const w = watcher({ kinds: ['clusters'], detectOperator: false });
    w.start();
    const s = await waitFor(w, (s) => s.kinds.clusters.state === 'error');
    const c = s.kinds.clusters;
    assert.equal(c.state === 'error' && c.error.reason, 'unauthorized');
    assert.equal(c.state === 'error' && c.error.message, `${server.url} rejected the credentials (401 Unauthorized): log in again or refresh the token`);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(server.requests.length, 1);
    config.loadFromString(server.kubeconfig({ token: 'good-token' }));
    const fresh = watcher({ kinds: ['clusters'], detectOperator: false });
    fresh.start();
    await waitFor(fresh, (s) => s.kinds.clusters.state === 'ok');
  });

  it('debounces bursts of changes into fewer notifications', async () => {
    const w = watcher({ kinds: ['pods'], detectOperator: false, debounceMs: 50 });
    w.start();
    await waitFor(w, (s) => s.kinds.pods.state === 'ok');
    await waitForWatch(server, 'pods');
    let calls = 0;
    w.onDidChange(() => calls++);
    for (let i = 0; i < 30; i++) server.modify('v1', 'Pod', 'db', 'pg-plugin-1', (p) => (p.metadata.annotations!.n = String(i)));
    await waitFor(w, (s) => objects(s, 'pods').some((p) => p.metadata.annotations?.n === '29'));
    assert.ok(calls >= 1 && calls < 30, `${calls} notifications for 30 changes`);
  });
});

async function until(condition: () => boolean, capMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > capMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits until the server holds an open watch on `resource`. */
function waitForWatch(server: FakeKubeServer, resource: string): Promise<void> {
  return until(() => server.openWatches().some((w) => w.request.rt.plural === resource));
}
