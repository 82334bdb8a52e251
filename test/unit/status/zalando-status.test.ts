import { strict as assert } from 'node:assert';
import { hostPointsAt, zalandoStatus } from '../../../src/core/status/zalando-status';
import { cluster, cond, obj } from './builders';

const zalando = (phase = 'Running') => obj('acid.zalan.do/v1', 'postgresql', 'mastodon-postgresql', 'mastodon', { teamId: 'acid', numberOfInstances: 2, postgresql: { version: '16' } }, { PostgresClusterStatus: phase });
const ext = (host: string) => ({ name: 'zalando-cluster', connectionParameters: { host, user: 'standby', sslmode: 'require' } });
const ready = { conditions: [cond('Ready', 'True')] };
const notReady = { conditions: [cond('Ready', 'False')] };

function cnpg(spec: Record<string, unknown>, status: Record<string, unknown> = ready, ns = 'mastodon', name = 'database') {
  return cluster(name, spec, status, ns);
}

describe('zalandoStatus', () => {
  it('is not migrated when no CNPG cluster reads from it', () => {
    const unrelated = cnpg({ externalClusters: [ext('other.mastodon.svc')], bootstrap: { initdb: { import: { type: 'microservice', source: { externalCluster: 'zalando-cluster' } } } } });
    const s = zalandoStatus(zalando(), [unrelated]);
    assert.equal(s.migration, 'not-migrated');
    assert.equal(s.severity, 'ok');
    assert.equal(s.instances, 2);
    assert.equal(s.version, '16');
    assert.equal(s.phase, 'Running');
  });

  it('finds an import cluster, in progress then ready', () => {
    const spec = { externalClusters: [ext('mastodon-postgresql.mastodon.svc')], bootstrap: { initdb: { import: { type: 'microservice', databases: ['mastodon'], source: { externalCluster: 'zalando-cluster' } } } } };
    const inProgress = zalandoStatus(zalando(), [cnpg(spec, notReady)]);
    assert.equal(inProgress.migration, 'import');
    assert.deepEqual(inProgress.links.map((l) => [l.namespace, l.name, l.via, l.ready]), [['mastodon', 'database', 'import', false]]);
    assert.equal(inProgress.severity, 'ok');
    const done = zalandoStatus(zalando(), [cnpg(spec, ready)]);
    assert.equal(done.issues[0].code, 'zalando-migrated');
    assert.equal(done.severity, 'info');
  });

  it('finds a streaming replica cluster, and warns when it is not ready', () => {
    const spec = { externalClusters: [ext('mastodon-postgresql.mastodon.svc.cluster.local')], bootstrap: { pg_basebackup: { source: 'zalando-cluster' } }, replica: { enabled: true, source: 'zalando-cluster' } };
    assert.equal(zalandoStatus(zalando(), [cnpg(spec, ready, 'db2', 'replica')]).migration, 'replica-streaming');
    const broken = zalandoStatus(zalando(), [cnpg(spec, notReady, 'db2', 'replica')]);
    assert.equal(broken.migration, 'replica-not-ready');
    assert.equal(broken.severity, 'warning');
    assert.match(broken.issues[0].message, /db2\/replica is not ready/);
  });

  it('is promoted once replica.enabled is false, or after a pg_basebackup clone without replica mode', () => {
    const promoted = { externalClusters: [ext('mastodon-postgresql.mastodon')], bootstrap: { pg_basebackup: { source: 'zalando-cluster' } }, replica: { enabled: false, source: 'zalando-cluster' } };
    const s = zalandoStatus(zalando(), [cnpg(promoted)]);
    assert.equal(s.migration, 'promoted');
    assert.equal(s.issues[0].code, 'zalando-migrated');
    const clone = { externalClusters: [ext('mastodon-postgresql')], bootstrap: { pg_basebackup: { source: 'zalando-cluster' } } };
    assert.equal(zalandoStatus(zalando(), [cnpg(clone)]).migration, 'promoted');
  });

  it('ranks the most advanced link first', () => {
    const imp = cnpg({ externalClusters: [ext('mastodon-postgresql.mastodon.svc')], bootstrap: { initdb: { import: { source: { externalCluster: 'zalando-cluster' } } } } }, ready, 'mastodon', 'a-import');
    const rep = cnpg({ externalClusters: [ext('mastodon-postgresql-repl.mastodon.svc')], bootstrap: { pg_basebackup: { source: 'zalando-cluster' } }, replica: { enabled: true, source: 'zalando-cluster' } }, ready, 'mastodon', 'z-replica');
    const s = zalandoStatus(zalando(), [imp, rep]);
    assert.equal(s.migration, 'replica-streaming');
    assert.deepEqual(s.links.map((l) => l.name), ['z-replica', 'a-import']);
  });

  it('reports a failed Zalando cluster', () => {
    const s = zalandoStatus(zalando('SyncFailed'), []);
    assert.equal(s.severity, 'error');
    assert.match(s.issues[0].message, /SyncFailed/);
  });
});

describe('hostPointsAt', () => {
  it('matches the primary and -repl services in every resolvable spelling', () => {
    for (const h of ['pg.ns.svc', 'pg.ns', 'pg.ns.svc.cluster.local', 'PG.NS.SVC.', 'pg-repl.ns.svc']) assert.ok(hostPointsAt(h, 'pg', 'ns', 'other'), h);
    assert.ok(hostPointsAt('pg', 'pg', 'ns', 'ns'));
  });

  it('does not match other services, other namespaces or a bare name from elsewhere', () => {
    for (const h of ['pg', 'pg-config.ns.svc', 'pg-pooler.ns.svc', 'pg.other.svc', 'pgx.ns.svc', 'xpg.ns.svc', undefined]) assert.ok(!hostPointsAt(h, 'pg', 'ns', 'other'), String(h));
  });
});
