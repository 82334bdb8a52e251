import { strict as assert } from 'node:assert';
import { isPrivateHost, parseEndpoint } from '../../../../src/core/rules/hygiene/endpoints';
import { findingsOf } from '../imports/apply-fix';

describe('hygiene/endpoints', () => {
  it('parses scheme and host, leaving substitutions unknown', () => {
    assert.deepEqual(parseEndpoint('https://minio.minio.svc:9000/bucket'), { scheme: 'https', host: 'minio.minio.svc' });
    assert.deepEqual(parseEndpoint('HTTP://User:pw@MinIO:9000'), { scheme: 'http', host: 'minio' });
    assert.deepEqual(parseEndpoint('https://[fd00::1]:9000'), { scheme: 'https', host: 'fd00::1' });
    assert.deepEqual(parseEndpoint('http://${HOST}:9000'), { scheme: 'http', host: undefined });
    assert.deepEqual(parseEndpoint('${SCHEME}://minio:9000'), { scheme: undefined, host: 'minio' });
    assert.deepEqual(parseEndpoint('${S3_ENDPOINT}'), { scheme: undefined, host: undefined });
    assert.deepEqual(parseEndpoint('minio:9000'), { scheme: undefined, host: undefined });
  });

  it('tells private hosts from public ones', () => {
    for (const h of ['minio', 'localhost', 'nas.lan', 'nas.local', 's3.corp.internal', 'nas.home.arpa', 'minio.minio.svc', 'minio.minio.svc.cluster.local', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.10', '127.0.0.1', '::1', 'fc00::1', 'fd12:3456::1']) {
      assert.ok(isPrivateHost(h), h);
    }
    for (const h of ['s3.amazonaws.com', 'minio.example.com', '172.32.0.1', '172.15.0.1', '8.8.8.8', '192.169.0.1', '2001:db8::1', 'fe80::1', 'internal.example.com', 'svc.example.org']) {
      assert.ok(!isPrivateHost(h), h);
    }
  });
});

describe('hygiene messages', () => {
  it('endpoint-ca-missing names the runtime error and the fix', () => {
    const [f] = findingsOf('endpoint-ca-missing', `apiVersion: barmancloud.cnpg.io/v1
kind: ObjectStore
metadata: {name: s}
spec:
  configuration:
    destinationPath: s3://b/
    endpointURL: https://minio:9000
`);
    assert.match(f.message, /ObjectStore s uses https on the private host "minio" without endpointCA.*SSL certificate problem.*Add endpointCA/);
  });

  it('no-backup names the cluster and the ways to back it up', () => {
    const [f] = findingsOf('no-backup', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: pg}\nspec: {instances: 1}\n');
    assert.match(f.message, /^Cluster pg has no backup.*Barman Cloud Plugin.*volumeSnapshot/);
    const [unnamed] = findingsOf('no-backup', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: "${NAME}"}\nspec: {instances: 1}\n');
    assert.match(unnamed.message, /^This Cluster has no backup/);
  });
});
