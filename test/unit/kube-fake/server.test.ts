import { strict as assert } from 'node:assert';
import { load, standardScene } from '../../kube-fake/fixtures';
import { FakeKubeServer } from '../../kube-fake/server';
import * as S from '../../kube-fake/status';
import { call, watch } from './helpers';

const CLUSTERS = '/apis/postgresql.cnpg.io/v1/namespaces/db/clusters';

describe('fake API server: discovery, reads and writes', () => {
  let server: FakeKubeServer;
  beforeEach(async () => {
    server = await FakeKubeServer.start();
    load(server, standardScene());
  });
  afterEach(() => server.close());

  it('publishes discovery with status and scale subresources', async () => {
    const core = await call(server.url, 'GET', '/api/v1');
    assert.equal(core.body.kind, 'APIResourceList');
    assert.ok(core.body.resources.some((r: { name: string }) => r.name === 'pods/status'));
    const groups = await call(server.url, 'GET', '/apis');
    assert.deepEqual(
      groups.body.groups.map((g: { name: string }) => g.name).sort(),
      ['acid.zalan.do', 'apps', 'barmancloud.cnpg.io', 'postgresql.cnpg.io'],
    );
    const cnpg = await call(server.url, 'GET', '/apis/postgresql.cnpg.io/v1');
    const names = cnpg.body.resources.map((r: { name: string }) => r.name);
    for (const n of ['clusters', 'clusters/status', 'clusters/scale', 'backups', 'backups/status', 'scheduledbackups']) assert.ok(names.includes(n), n);
    const clusters = cnpg.body.resources.find((r: { name: string }) => r.name === 'clusters');
    assert.equal(clusters.kind, 'Cluster');
    assert.equal(clusters.namespaced, true);
  });

  it('lists with the list resourceVersion, selectors and pages; built-in items carry no kind', async () => {
    const list = await call(server.url, 'GET', CLUSTERS);
    assert.equal(list.body.kind, 'ClusterList');
    assert.equal(list.body.metadata.resourceVersion, String(server.store.resourceVersion));
    assert.deepEqual(list.body.items.map((c: { metadata: { name: string } }) => c.metadata.name), ['pg-mixed', 'pg-plugin']);
    assert.equal(list.body.items[0].kind, 'Cluster');
    const pods = await call(server.url, 'GET', '/api/v1/pods?labelSelector=' + encodeURIComponent('cnpg.io/cluster=pg-plugin,cnpg.io/instanceRole in (primary)'));
    assert.deepEqual(pods.body.items.map((p: { metadata: { name: string } }) => p.metadata.name), ['pg-plugin-1']);
    assert.equal(pods.body.items[0].kind, undefined);
    const byName = await call(server.url, 'GET', '/apis/postgresql.cnpg.io/v1/clusters?fieldSelector=metadata.name%3Dpg-intree');
    assert.deepEqual(byName.body.items.map((c: { metadata: { namespace: string } }) => c.metadata.namespace), ['legacy']);
    const bad = await call(server.url, 'GET', '/apis/postgresql.cnpg.io/v1/clusters?fieldSelector=spec.instances%3D3');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.message, 'field label not supported: spec.instances');

    const page1 = await call(server.url, 'GET', '/api/v1/pods?limit=4');
    assert.equal(page1.body.items.length, 4);
    assert.ok(page1.body.metadata.continue);
    const page2 = await call(server.url, 'GET', `/api/v1/pods?limit=100&continue=${encodeURIComponent(page1.body.metadata.continue)}`);
    const all = await call(server.url, 'GET', '/api/v1/pods');
    assert.deepEqual(
      [...page1.body.items, ...page2.body.items].map((p: { metadata: { name: string } }) => p.metadata.name),
      all.body.items.map((p: { metadata: { name: string } }) => p.metadata.name),
    );
    assert.equal(page2.body.metadata.continue, undefined);
  });

  it('answers 404 Status objects for missing objects and for a group that is not installed', async () => {
    const missing = await call(server.url, 'GET', `${CLUSTERS}/nope`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'clusters.postgresql.cnpg.io "nope" not found');
    assert.equal(missing.body.reason, 'NotFound');
    server.uninstallGroup('acid.zalan.do');
    const gone = await call(server.url, 'GET', '/apis/acid.zalan.do/v1/postgresqls');
    assert.equal(gone.status, 404);
    assert.equal(gone.body.kind, 'Status');
    assert.equal((await call(server.url, 'GET', '/apis/acid.zalan.do/v1')).status, 404);
    const groups = await call(server.url, 'GET', '/apis');
    assert.ok(!groups.body.groups.some((g: { name: string }) => g.name === 'acid.zalan.do'));
  });

  it('creates with dry run, generateName, AlreadyExists and a missing namespace; drops status on create', async () => {
    const backup = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Backup', metadata: { name: 'b1' }, spec: { cluster: { name: 'pg-plugin' }, method: 'plugin' }, status: { phase: 'completed' } };
    const dry = await call(server.url, 'POST', '/apis/postgresql.cnpg.io/v1/namespaces/db/backups?dryRun=All', backup);
    assert.equal(dry.status, 201);
    assert.equal(dry.body.metadata.namespace, 'db');
    assert.equal(dry.body.metadata.resourceVersion, undefined);
    assert.equal(server.get('postgresql.cnpg.io/v1', 'Backup', 'db', 'b1'), undefined);
    const created = await call(server.url, 'POST', '/apis/postgresql.cnpg.io/v1/namespaces/db/backups', backup);
    assert.equal(created.status, 201);
    assert.equal(created.body.status, undefined);
    assert.ok(Number(created.body.metadata.resourceVersion) > 0);
    const again = await call(server.url, 'POST', '/apis/postgresql.cnpg.io/v1/namespaces/db/backups', backup);
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'AlreadyExists');
    assert.equal(again.body.message, 'backups.postgresql.cnpg.io "b1" already exists');
    const generated = await call(server.url, 'POST', '/apis/postgresql.cnpg.io/v1/namespaces/db/backups', { ...backup, metadata: { generateName: 'pg-plugin-' } });
    assert.match(generated.body.metadata.name, /^pg-plugin-[a-z0-9]{5}$/);
    const noNs = await call(server.url, 'POST', '/apis/postgresql.cnpg.io/v1/namespaces/nowhere/backups', backup);
    assert.equal(noNs.status, 404);
    assert.equal(noNs.body.message, 'namespaces "nowhere" not found');
    const noName = await call(server.url, 'POST', '/apis/postgresql.cnpg.io/v1/namespaces/db/backups', { ...backup, metadata: {} });
    assert.equal(noName.status, 422);
  });

  it('merge-patches and JSON-patches, with optimistic concurrency and generation', async () => {
    const before = server.get('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin')!;
    const patched = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin`, { metadata: { annotations: { a: '1' }, resourceVersion: before.metadata.resourceVersion } }, 'application/merge-patch+json');
    assert.equal(patched.status, 200);
    assert.equal(patched.body.metadata.annotations.a, '1');
    assert.equal(patched.body.metadata.generation, before.metadata.generation, 'metadata changes keep the generation');
    const stale = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin`, { metadata: { resourceVersion: before.metadata.resourceVersion } }, 'application/merge-patch+json');
    assert.equal(stale.status, 409);
    assert.equal(stale.body.reason, 'Conflict');
    assert.match(stale.body.message, /^Operation cannot be fulfilled on clusters\.postgresql\.cnpg\.io "pg-plugin": the object has been modified/);
    const json = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin`, [{ op: 'replace', path: '/spec/instances', value: 5 }], 'application/json-patch+json');
    assert.equal(json.body.spec.instances, 5);
    assert.equal(json.body.metadata.generation, before.metadata.generation! + 1);
    const failedTest = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin`, [{ op: 'test', path: '/spec/instances', value: 3 }], 'application/json-patch+json');
    assert.equal(failedTest.status, 422);
    const smp = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin`, {}, 'application/strategic-merge-patch+json');
    assert.equal(smp.status, 415);
    const noop = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin`, { metadata: { annotations: { a: '1' } } }, 'application/merge-patch+json');
    assert.equal(noop.body.metadata.resourceVersion, json.body.metadata.resourceVersion, 'a no-op patch does not bump the resourceVersion');
  });

  it('replaces with PUT only at the current resourceVersion, and deletes', async () => {
    const current = (await call(server.url, 'GET', `${CLUSTERS}/pg-plugin`)).body;
    const noRv = await call(server.url, 'PUT', `${CLUSTERS}/pg-plugin`, { ...current, metadata: { ...current.metadata, resourceVersion: undefined } });
    assert.equal(noRv.status, 422);
    const put = await call(server.url, 'PUT', `${CLUSTERS}/pg-plugin`, { ...current, spec: { ...current.spec, instances: 2 }, status: { phase: 'ignored' } });
    assert.equal(put.status, 200);
    assert.equal(put.body.spec.instances, 2);
    assert.equal(put.body.status.phase, 'Cluster in healthy state', 'PUT on the main resource keeps the status');
    const stale = await call(server.url, 'PUT', `${CLUSTERS}/pg-plugin`, current);
    assert.equal(stale.status, 409);
    const rv = server.store.resourceVersion;
    const w = await watch(server.url, `${CLUSTERS}?watch=1&resourceVersion=${rv}`);
    const deleted = await call(server.url, 'DELETE', `${CLUSTERS}/pg-plugin`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.metadata.name, 'pg-plugin');
    await w.next(1);
    assert.equal(w.events[0].type, 'DELETED');
    w.close();
    assert.equal((await call(server.url, 'DELETE', `${CLUSTERS}/pg-plugin`)).status, 404);
  });

  it('keeps status and spec apart between the main resource and /status', async () => {
    const main = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin`, { status: { phase: 'hacked' }, spec: { instances: 4 } }, 'application/merge-patch+json');
    assert.equal(main.body.status.phase, 'Cluster in healthy state');
    assert.equal(main.body.spec.instances, 4);
    const status = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin/status`, { status: { phase: 'Switchover in progress' }, spec: { instances: 9 } }, 'application/merge-patch+json');
    assert.equal(status.body.status.phase, 'Switchover in progress');
    assert.equal(status.body.spec.instances, 4);
    assert.equal(status.body.metadata.generation, main.body.metadata.generation);
  });

  it('applies server-side with dry run and requires a field manager', async () => {
    const yaml = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg-new\n  namespace: db\nspec:\n  instances: 1\n';
    const noManager = await call(server.url, 'PATCH', `${CLUSTERS}/pg-new?dryRun=All`, yaml, 'application/apply-patch+yaml');
    assert.equal(noManager.status, 422);
    const dry = await call(server.url, 'PATCH', `${CLUSTERS}/pg-new?dryRun=All&fieldManager=cnpg-tools`, yaml, 'application/apply-patch+yaml');
    assert.equal(dry.status, 201);
    assert.equal(dry.body.spec.instances, 1);
    assert.equal(dry.body.metadata.managedFields[0].manager, 'cnpg-tools');
    assert.equal(server.get('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-new'), undefined);
    const existing = yaml.replace('pg-new', 'pg-plugin');
    const onExisting = await call(server.url, 'PATCH', `${CLUSTERS}/pg-plugin?dryRun=All&fieldManager=cnpg-tools`, existing, 'application/apply-patch+yaml');
    assert.equal(onExisting.status, 200);
    assert.equal(onExisting.body.spec.instances, 1);
    assert.equal(onExisting.body.spec.plugins[0].name, 'barman-cloud.cloudnative-pg.io', 'fields the manifest omits stay');
    assert.equal((server.get("postgresql.cnpg.io/v1", "Cluster", "db", "pg-plugin")!.spec as { instances: number }).instances, 3);
  });

  it('denies by RBAC rule with the real message, and 401 without a known token', async () => {
    server.deny({ verbs: ['list'], resources: ['clusters'], namespaces: ['db'] });
    const forbidden = await call(server.url, 'GET', CLUSTERS);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.message, 'clusters.postgresql.cnpg.io is forbidden: User "system:anonymous" cannot list resource "clusters" in API group "postgresql.cnpg.io" in the namespace "db"');
    const clusterScope = await call(server.url, 'GET', '/apis/postgresql.cnpg.io/v1/clusters');
    assert.match(clusterScope.body.message, /cannot list resource "clusters" in API group "postgresql.cnpg.io" at the cluster scope$/);
    assert.equal((await call(server.url, 'GET', '/apis/postgresql.cnpg.io/v1/namespaces/legacy/clusters')).status, 200);
    assert.equal((await call(server.url, 'GET', `${CLUSTERS}/pg-plugin`)).status, 200, 'get is another verb');
    server.clearFaults();
    const authed = await FakeKubeServer.start({ tokens: { 'tok-1': 'x' } });
    try {
      assert.equal((await call(authed.url, 'GET', '/api/v1/pods')).status, 401);
      authed.deny({ resources: ['clusters'] });
      authed.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'db' } });
      const r = await call(authed.url, 'GET', CLUSTERS, undefined, 'application/json', { Authorization: 'Bearer tok-1' });
      assert.equal(r.body.message, 'clusters.postgresql.cnpg.io is forbidden: User "x" cannot list resource "clusters" in API group "postgresql.cnpg.io" in the namespace "db"');
    } finally {
      await authed.close();
    }
  });

  it('injects failures and delays per request', async () => {
    server.failWith(S.status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'), (r) => r.resource === 'pods', 1);
    assert.equal((await call(server.url, 'GET', '/api/v1/pods')).status, 503);
    assert.equal((await call(server.url, 'GET', '/api/v1/pods')).status, 200);
    server.setDelay(30, (r) => r.resource === 'backups');
    const slow = call(server.url, 'GET', '/apis/postgresql.cnpg.io/v1/backups');
    const fast = call(server.url, 'GET', '/api/v1/pods');
    const order: string[] = [];
    await Promise.all([slow.then(() => order.push('slow')), fast.then(() => order.push('fast'))]);
    assert.deepEqual(order, ['fast', 'slow']);
    assert.equal(server.requests.at(-1)!.verb, 'list');
  });
});

describe('fake API server: watch', () => {
  let server: FakeKubeServer;
  beforeEach(async () => {
    server = await FakeKubeServer.start({ historyLimit: 5 });
    load(server, standardScene());
  });
  afterEach(() => server.close());

  it('replays from a resourceVersion, then streams live changes', async () => {
    const rv = server.store.resourceVersion;
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (c) => ((c.status as Record<string, unknown>).phase = 'Switchover in progress'));
    const w = await watch(server.url, `${CLUSTERS}?watch=1&resourceVersion=${rv}`);
    await w.next(1);
    assert.equal(w.events[0].type, 'MODIFIED');
    assert.equal(w.events[0].object.kind, 'Cluster');
    server.remove('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-mixed');
    await w.next(2);
    assert.equal(w.events[1].type, 'DELETED');
    assert.equal(w.events[1].object.metadata.resourceVersion, String(server.store.resourceVersion));
    w.close();
  });

  it('starts with ADDED for every object without a resourceVersion and follows label transitions', async () => {
    const w = await watch(server.url, '/api/v1/namespaces/db/pods?watch=true&labelSelector=cnpg.io%2FinstanceRole%3Dprimary');
    await w.next(2);
    assert.deepEqual(w.events.map((e) => `${e.type} ${e.object.metadata.name}`).sort(), ['ADDED pg-mixed-1', 'ADDED pg-plugin-1']);
    server.modify('v1', 'Pod', 'db', 'pg-plugin-1', (p) => (p.metadata.labels!['cnpg.io/instanceRole'] = 'replica'));
    server.modify('v1', 'Pod', 'db', 'pg-plugin-2', (p) => (p.metadata.labels!['cnpg.io/instanceRole'] = 'primary'));
    await w.next(4);
    assert.deepEqual(w.events.slice(2).map((e) => `${e.type} ${e.object.metadata.name}`), ['DELETED pg-plugin-1', 'ADDED pg-plugin-2']);
    w.close();
  });

  it('sends bookmarks only to watches that allow them', async () => {
    const rv = server.store.resourceVersion;
    const a = await watch(server.url, `${CLUSTERS}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`);
    const b = await watch(server.url, `${CLUSTERS}?watch=1&resourceVersion=${rv}`);
    server.bookmark();
    await a.next(1);
    assert.deepEqual(a.events[0], { type: 'BOOKMARK', object: { kind: 'Cluster', apiVersion: 'postgresql.cnpg.io/v1', metadata: { resourceVersion: String(rv) } } });
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (c) => (c.metadata.labels = { x: 'y' }));
    await b.next(1);
    assert.equal(b.events[0].type, 'MODIFIED');
    a.close();
    b.close();
  });

  it('answers a too-old resourceVersion with an ERROR 410 event, or HTTP 410 when configured', async () => {
    const old = server.store.resourceVersion;
    for (let i = 0; i < 6; i++) server.modify('v1', 'Pod', 'db', 'pg-plugin-1', (p) => (p.metadata.annotations!.n = String(i)));
    const w = await watch(server.url, `${CLUSTERS}?watch=1&resourceVersion=${old}`);
    assert.equal(w.status, 200);
    assert.deepEqual(await w.ended, {});
    assert.equal(w.events.length, 1);
    assert.equal(w.events[0].type, 'ERROR');
    assert.equal(w.events[0].object.code, 410);
    assert.equal(w.events[0].object.reason, 'Expired');
    assert.match(w.events[0].object.message, /^too old resource version: \d+ \(\d+\)$/);
    const strict = await FakeKubeServer.start({ tooOldWatch: 'http' });
    try {
      strict.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'db' } });
      strict.compact();
      const r = await call(strict.url, 'GET', `${CLUSTERS}?watch=1&resourceVersion=1`);
      assert.equal(r.status, 410);
      assert.equal(r.body.reason, 'Expired');
    } finally {
      await strict.close();
    }
  });

  it('cuts watches on demand and ends them at timeoutSeconds', async () => {
    const rv = server.store.resourceVersion;
    const w = await watch(server.url, `${CLUSTERS}?watch=1&resourceVersion=${rv}`);
    assert.equal(server.openWatches().length, 1);
    assert.equal(server.dropWatches(), 1);
    assert.ok((await w.ended).error, 'the client sees a broken connection');
    assert.equal(server.openWatches().length, 0);
    const timed = await watch(server.url, `${CLUSTERS}?watch=1&resourceVersion=${rv}&timeoutSeconds=0.05`);
    assert.deepEqual(await timed.ended, {});
  });
});
