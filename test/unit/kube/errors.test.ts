import { strict as assert } from 'node:assert';
import { isPermanent, toKubeError } from '../../../src/kube/errors';
import { HttpError, NetworkError } from '../../../src/kube/rest';

const subject = { server: 'https://k8s.example:6443', verb: 'list', resource: 'clusters.postgresql.cnpg.io', namespace: 'db', missingApi: 'CloudNativePG is not installed in this cluster (no clusters.postgresql.cnpg.io API)' };

describe('KubeError mapping', () => {
  it('words network failures by cause', () => {
    assert.deepEqual(toKubeError(new NetworkError('x', 'ECONNREFUSED'), subject), { reason: 'unreachable', message: 'Cannot reach https://k8s.example:6443: connection refused' });
    assert.equal(toKubeError(new NetworkError('x', 'ENOTFOUND'), subject).message, 'Cannot reach https://k8s.example:6443: host not found');
    assert.equal(toKubeError(new NetworkError('no answer within 30 s', 'ETIMEDOUT'), subject).reason, 'timeout');
    assert.equal(toKubeError(new NetworkError('x', 'CERT_HAS_EXPIRED'), subject).message, 'Cannot reach https://k8s.example:6443: its TLS certificate is not trusted (CERT_HAS_EXPIRED)');
    assert.equal(toKubeError(new NetworkError('exec: aws not found', 'ECREDENTIALS'), subject).reason, 'unauthorized');
  });

  it('words API answers by status, keeping the server message', () => {
    assert.equal(toKubeError(new HttpError(401, { message: 'Unauthorized' }), subject).reason, 'unauthorized');
    const forbidden = toKubeError(new HttpError(403, { message: 'clusters.postgresql.cnpg.io is forbidden: User "x" cannot list resource "clusters" in API group "postgresql.cnpg.io" in the namespace "db"' }), subject);
    assert.equal(forbidden.message, 'You may not list clusters.postgresql.cnpg.io in namespace db (RBAC): clusters.postgresql.cnpg.io is forbidden: User "x" cannot list resource "clusters" in API group "postgresql.cnpg.io" in the namespace "db"');
    assert.equal(forbidden.status, 403);
    assert.deepEqual(toKubeError(new HttpError(404, { message: 'the server could not find the requested resource' }), subject), { reason: 'crd-missing', status: 404, message: subject.missingApi });
    const object = toKubeError(new HttpError(404, { message: 'x', details: { name: 'pg', kind: 'clusters' } }), { ...subject, verb: 'get', name: 'pg' });
    assert.equal(object.message, 'clusters.postgresql.cnpg.io "pg" was not found in namespace db');
    assert.equal(toKubeError(new HttpError(500, { message: 'etcdserver: leader changed' }), subject).message, 'https://k8s.example:6443 answered 500: etcdserver: leader changed');
  });

  it('leaves transient failures to automatic retries and waits for the user on the others', () => {
    assert.equal(isPermanent({ reason: 'unreachable', message: '' }), false);
    assert.equal(isPermanent({ reason: 'timeout', message: '' }), false);
    assert.equal(isPermanent({ reason: 'forbidden', message: '' }), true);
    assert.equal(isPermanent({ reason: 'crd-missing', message: '' }), true);
  });
});
