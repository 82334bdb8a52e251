// The fake API server as @kubernetes/client-node 1.4.0 sees it: its generated APIs, its generic
// object API (which resolves paths through discovery) and its Watch.
import { strict as assert } from 'node:assert';
import { k8s } from '../../../src/kube/client';
import { load, standardScene } from '../../kube-fake/fixtures';
import { FakeKubeServer } from '../../kube-fake/server';

describe('fake API server with @kubernetes/client-node 1.4.0', () => {
  let server: FakeKubeServer;
  let kc: InstanceType<typeof k8s.KubeConfig>;
  beforeEach(async () => {
    server = await FakeKubeServer.start();
    load(server, standardScene());
    kc = new k8s.KubeConfig();
    kc.loadFromString(server.kubeconfig());
  });
  afterEach(() => server.close());

  it('lists custom objects, pods and deployments through the generated APIs', async () => {
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const list = await custom.listNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', namespace: 'db', plural: 'clusters' });
    assert.deepEqual(list.items.map((c: { metadata: { name: string } }) => c.metadata.name), ['pg-mixed', 'pg-plugin']);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const pods = await core.listPodForAllNamespaces({ labelSelector: 'cnpg.io/cluster=pg-intree' });
    assert.deepEqual(pods.items.map((p) => p.metadata?.name), ['pg-intree-1', 'pg-intree-2']);
    assert.equal(pods.items[0].status?.phase, 'Running');
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const deployments = await apps.listDeploymentForAllNamespaces({ labelSelector: 'app.kubernetes.io/name=cloudnative-pg' });
    assert.equal(deployments.items[0].spec?.template.spec?.containers[0].image, 'ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0');
  });

  it('turns 404 and 403 into ApiException with the Status body', async () => {
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    server.uninstallGroup('acid.zalan.do');
    await assert.rejects(custom.listClusterCustomObject({ group: 'acid.zalan.do', version: 'v1', plural: 'postgresqls' }), (e: { code: number }) => e.code === 404);
    server.deny({ verbs: ['get'], resources: ['clusters'] });
    await assert.rejects(custom.getNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', namespace: 'db', plural: 'clusters', name: 'pg-plugin' }), (e: { code: number; body: string }) => {
      assert.equal(e.code, 403);
      assert.match(String(e.body), /cannot get resource \\?"clusters\\?" in API group/);
      return true;
    });
  });

  it('creates with dry run and merge-patches through the generic object API (discovery-resolved paths)', async () => {
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const backup = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Backup', metadata: { name: 'pg-plugin-manual', namespace: 'db' }, spec: { cluster: { name: 'pg-plugin' }, method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } } };
    const dry = await objects.create(backup, undefined, 'All');
    assert.equal(dry.metadata?.name, 'pg-plugin-manual');
    assert.equal(server.get('postgresql.cnpg.io/v1', 'Backup', 'db', 'pg-plugin-manual'), undefined);
    const patched = await objects.patch(
      { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg-plugin', namespace: 'db', annotations: { 'cnpg.io/reloadedAt': '2026-11-20T10:00:00.000000Z' } } },
      undefined,
      undefined,
      undefined,
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    assert.equal(patched.metadata?.annotations?.['cnpg.io/reloadedAt'], '2026-11-20T10:00:00.000000Z');
    const applied = await objects.patch(
      { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'nightly', namespace: 'db' }, spec: { schedule: '0 0 2 * * *', cluster: { name: 'pg-plugin' } } },
      undefined,
      'All',
      'cnpg-tools',
      undefined,
      k8s.PatchStrategy.ServerSideApply,
    );
    assert.equal(applied.metadata?.name, 'nightly');
  });

  it('streams watch events to client-node Watch and reports a cut connection through done()', async () => {
    const watch = new k8s.Watch(kc);
    const events: string[] = [];
    let sawFirst: () => void = () => undefined;
    const first = new Promise<void>((r) => (sawFirst = r));
    let finished: (err: unknown) => void = () => undefined;
    const done = new Promise<unknown>((r) => (finished = r));
    await watch.watch(
      '/apis/postgresql.cnpg.io/v1/namespaces/db/clusters',
      { resourceVersion: String(server.store.resourceVersion), allowWatchBookmarks: true },
      (type, obj) => {
        events.push(`${type} ${obj.metadata?.name ?? obj.metadata?.resourceVersion}`);
        sawFirst();
      },
      (err) => finished(err),
    );
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (c) => (c.metadata.labels = { touched: 'yes' }));
    await first;
    assert.deepEqual(events, ['MODIFIED pg-plugin']);
    server.dropWatches();
    await done;
  });
});
