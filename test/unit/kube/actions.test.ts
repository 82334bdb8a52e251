import { strict as assert } from 'node:assert';
import { createClusterActions, rfc3339, rfc3339Micro } from '../../../src/kube/actions';
import { KubeActionError, type ClusterActions, type KubeObject } from '../../../src/kube/types';
import { planBackup } from '../../../src/core/status/backup-manifest';
import { FIXTURE_NOW } from '../../kube-fake/fixtures';
import type { FakeKubeServer } from '../../kube-fake/server';
import { startScene } from './helpers';

const isActionError = (reason: string, message?: RegExp | string) => (e: unknown) => {
  assert.ok(e instanceof KubeActionError, `expected a KubeActionError, got ${e}`);
  assert.equal(e.error.reason, reason);
  if (typeof message === 'string') assert.equal(e.message, message);
  else if (message) assert.match(e.message, message);
  return true;
};

describe('ClusterActions against the fake API server', () => {
  let server: FakeKubeServer;
  let actions: ClusterActions;
  const cluster = (ns: string, name: string) => server.get('postgresql.cnpg.io/v1', 'Cluster', ns, name)! as unknown as KubeObject;
  beforeEach(async () => {
    const scene = await startScene({}, { namespace: 'db' });
    server = scene.server;
    actions = createClusterActions(scene.config, 'fake');
  });
  afterEach(() => server.close());

  it('creates the planned Backup of a plugin cluster, first as a server-side dry run', async () => {
    const plan = planBackup(cluster('db', 'pg-plugin'), FIXTURE_NOW);
    assert.ok(plan.ok);
    const dry = await actions.createBackup('db', plan.manifest, true);
    assert.equal(dry.metadata.name, 'pg-plugin-20261120100000');
    assert.deepEqual(dry.spec, { cluster: { name: 'pg-plugin' }, method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } });
    assert.equal(server.get('postgresql.cnpg.io/v1', 'Backup', 'db', 'pg-plugin-20261120100000'), undefined, 'a dry run stores nothing');
    assert.equal(server.requests.at(-1)!.query.dryRun, 'All');
    const created = await actions.createBackup('db', plan.manifest);
    assert.equal(created.metadata.labels?.['cnpg.io/cluster'], 'pg-plugin');
    assert.ok(created.metadata.resourceVersion);
    const got = await actions.getBackup('db', 'pg-plugin-20261120100000');
    assert.equal(got.metadata.uid, created.metadata.uid);
    await assert.rejects(actions.createBackup('db', plan.manifest), isActionError('conflict', 'backups.postgresql.cnpg.io "pg-plugin-20261120100000" already exists'));
  });

  it('refuses a manifest that is not a Backup and names a missing Backup', async () => {
    await assert.rejects(actions.createBackup('db', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }), isActionError('invalid'));
    await assert.rejects(actions.getBackup('db', 'nope'), isActionError('not-found', 'backups.postgresql.cnpg.io "nope" was not found in namespace db'));
  });

  it('restarts with the restartedAt annotation, guarded by the resourceVersion', async () => {
    const rv = cluster('db', 'pg-plugin').metadata.resourceVersion;
    const now = new Date('2026-11-20T10:15:30.123Z');
    const restarted = await actions.restartCluster('db', 'pg-plugin', rv, now);
    assert.equal(restarted.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], '2026-11-20T10:15:30Z');
    const last = server.requests.at(-1)!;
    assert.equal(last.method, 'PATCH');
    await assert.rejects(
      actions.restartCluster('db', 'pg-plugin', rv, new Date('2026-11-20T11:00:00Z')),
      isActionError('conflict', `Cluster db/pg-plugin changed since it was shown (resourceVersion ${rv}); nothing was done. Refresh and try again.`),
    );
    assert.equal(cluster('db', 'pg-plugin').metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], '2026-11-20T10:15:30Z', 'the refused patch changed nothing');
  });

  it('reloads with the reloadedAt annotation in RFC 3339 with microseconds', async () => {
    const reloaded = await actions.reloadCluster('legacy', 'pg-intree', undefined, new Date('2026-11-20T10:15:30.123Z'));
    assert.equal(reloaded.metadata.annotations?.['cnpg.io/reloadedAt'], '2026-11-20T10:15:30.123000Z');
    assert.equal(rfc3339(new Date('2026-01-02T03:04:05.678Z')), '2026-01-02T03:04:05Z');
    assert.equal(rfc3339Micro(new Date('2026-01-02T03:04:05.006Z')), '2026-01-02T03:04:05.006000Z');
  });

  it('opens live objects without managedFields and never opens Secrets', async () => {
    const live = await actions.getObject('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin');
    assert.equal(live.kind, 'Cluster');
    assert.equal((live.metadata as Record<string, unknown>).managedFields, undefined);
    const zalando = await actions.getObject('acid.zalan.do/v1', 'postgresql', 'legacy', 'acid-minimal-cluster');
    assert.equal(zalando.status?.PostgresClusterStatus, 'Running');
    const before = server.requests.length;
    await assert.rejects(actions.getObject('v1', 'Secret', 'db', 'pg-plugin-app'), isActionError('invalid', /Secrets are not opened/));
    assert.equal(server.requests.length, before, 'no request was sent for a Secret');
    await assert.rejects(actions.getObject('v1', 'Pod', 'db', 'nope'), isActionError('not-found', 'pods "nope" was not found in namespace db'));
    server.uninstallGroup('postgresql.cnpg.io');
    await assert.rejects(actions.getObject('postgresql.cnpg.io/v1', 'Pooler', 'db', 'x'), isActionError('crd-missing', /CloudNativePG is not installed/));
  });

  it('applies with a server-side dry run as cnpg-tools, in the context namespace when the manifest has none', async () => {
    const manifest: KubeObject = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg-new' }, spec: { instances: 3, storage: { size: '1Gi' } } };
    const result = await actions.applyDryRun(manifest);
    assert.equal(result.metadata.namespace, 'db');
    assert.equal(server.get('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-new'), undefined);
    const req = server.requests.at(-1)!;
    assert.deepEqual([req.method, req.query.dryRun, req.query.fieldManager], ['PATCH', 'All', 'cnpg-tools']);
    await assert.rejects(actions.applyDryRun({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }), isActionError('invalid'));
    await assert.rejects(actions.applyDryRun({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg-new', namespace: 'nowhere' } }), isActionError('not-found', 'Namespace nowhere does not exist'));
  });

  it('explains RBAC refusals and an unreachable server', async () => {
    server.deny({ verbs: ['create'], resources: ['backups'] });
    const plan = planBackup(cluster('db', 'pg-plugin'), FIXTURE_NOW);
    assert.ok(plan.ok);
    await assert.rejects(
      actions.createBackup('db', plan.manifest, true),
      isActionError('forbidden', /^You may not create backups\.postgresql\.cnpg\.io "pg-plugin-20261120100000" in namespace db \(RBAC\): .*cannot create resource "backups"/),
    );
    const url = server.url;
    await server.close();
    await assert.rejects(actions.getBackup('db', 'x'), isActionError('unreachable', `Cannot reach ${url}: connection refused`));
  });
});

describe('KubeActionError across bundles', () => {
  it('is recognised by its brand, as thrown by another copy of the class (dist/kube.js)', () => {
    const error = { reason: 'forbidden', message: 'no', status: 403 } as unknown as ConstructorParameters<typeof KubeActionError>[0];
    assert.ok(new KubeActionError(error) instanceof KubeActionError);
    assert.ok(new KubeActionError(error) instanceof Error);
    const otherCopy = Object.assign(new Error('no'), { error, [Symbol.for('cnpg-tools.KubeActionError')]: true });
    assert.ok(otherCopy instanceof KubeActionError);
    assert.ok(!(new Error('no') instanceof KubeActionError));
    assert.ok(!((null as unknown as object) instanceof KubeActionError));
  });
});
