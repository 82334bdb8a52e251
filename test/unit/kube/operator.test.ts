import { strict as assert } from 'node:assert';
import { configForContext } from '../../../src/kube/kubeconfig';
import { detectOperator, operatorFromInstances, versionFromImage } from '../../../src/kube/operator';
import { RestClient } from '../../../src/kube/rest';
import { createContextWatcher } from '../../../src/kube/watcher';
import type { FakeKubeServer } from '../../kube-fake/server';
import type { KubeConfig } from '../../../src/kube/client';
import { FAST, startScene, waitFor } from './helpers';

describe('operator detection', () => {
  let server: FakeKubeServer;
  let config: KubeConfig;
  let rest: RestClient;
  beforeEach(async () => {
    ({ server, config } = await startScene());
    rest = new RestClient(configForContext(config, 'fake'));
  });
  afterEach(() => server.close());

  it('reads the operator by label and the plugin by image (its manifest labels it only app: barman-cloud)', async () => {
    const { info, error } = await detectOperator(rest);
    assert.equal(error, undefined);
    assert.deepEqual(info, { version: '1.30.0', namespace: 'cnpg-system', barmanPlugin: { present: true, version: '0.14.0' }, source: 'deployment' });
  });

  it('finds a Helm-installed operator and plugin in another namespace by their labels', async () => {
    server.remove('apps/v1', 'Deployment', 'cnpg-system', 'cnpg-controller-manager');
    server.remove('apps/v1', 'Deployment', 'cnpg-system', 'barman-cloud');
    const deployment = (name: string, label: string, image: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'operators', labels: { 'app.kubernetes.io/name': label } },
      spec: { template: { spec: { containers: [{ name: 'manager', image }] } } },
    });
    server.put(deployment('cnpg-cloudnative-pg', 'cloudnative-pg', 'registry.internal:5000/mirror/cloudnative-pg:1.29.2@sha256:abc'));
    server.put(deployment('plugin-barman-cloud', 'plugin-barman-cloud', 'registry.internal:5000/mirror/plugin-barman-cloud:v0.13.1'));
    const { info } = await detectOperator(rest);
    assert.deepEqual(info, { version: '1.29.2', namespace: 'operators', barmanPlugin: { present: true, version: '0.13.1' }, source: 'deployment' });
  });

  it('says the plugin is absent when only the operator runs', async () => {
    server.remove('apps/v1', 'Deployment', 'cnpg-system', 'barman-cloud');
    const { info } = await detectOperator(rest);
    assert.deepEqual(info?.barmanPlugin, { present: false, version: undefined });
  });

  it('returns nothing when no operator runs', async () => {
    server.remove('apps/v1', 'Deployment', 'cnpg-system', 'cnpg-controller-manager');
    server.remove('apps/v1', 'Deployment', 'cnpg-system', 'barman-cloud');
    assert.deepEqual(await detectOperator(rest), { info: undefined, error: undefined });
  });

  it('falls back to the instances when Deployments are forbidden', async () => {
    server.deny({ resources: ['deployments'] });
    const { info, error } = await detectOperator(rest);
    assert.equal(info, undefined);
    assert.equal(error?.reason, 'forbidden');
    const w = createContextWatcher(config, 'fake', FAST);
    w.start();
    try {
      const s = await waitFor(w, (s) => s.operator !== undefined && s.kinds.pods.state === 'ok' && s.kinds.clusters.state === 'ok');
      assert.deepEqual(s.operator, { version: '1.30.0', namespace: undefined, barmanPlugin: { present: true, version: '0.14.0' }, source: 'instances' });
    } finally {
      w.stop();
    }
  });

  it('reads versions from image references', () => {
    assert.equal(versionFromImage('ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0'), '1.30.0');
    assert.equal(versionFromImage('ghcr.io/cloudnative-pg/plugin-barman-cloud:v0.14.0'), '0.14.0');
    assert.equal(versionFromImage('localhost:5000/cloudnative-pg:1.28.1-rc1@sha256:0123'), '1.28.1-rc1');
    assert.equal(versionFromImage('localhost:5000/cloudnative-pg'), undefined);
    assert.equal(versionFromImage('ghcr.io/cloudnative-pg/cloudnative-pg:latest'), undefined);
    assert.equal(versionFromImage('ghcr.io/cloudnative-pg/cloudnative-pg@sha256:0123'), undefined);
  });

  it('takes the newest operator version the instances report', () => {
    const pod = (v: string) => ({ metadata: { name: 'p', annotations: { 'cnpg.io/operatorVersion': v } } });
    assert.equal(operatorFromInstances([pod('1.29.9'), pod('1.30.0'), pod('1.3.0')], [])?.version, '1.30.0');
    assert.equal(operatorFromInstances([], []), undefined);
  });
});
