// End-to-end checks of src/kube against a REAL Kubernetes cluster running CloudNativePG (see
// docs/e2e.md). Skipped unless CNPG_E2E_KUBECONFIG names a kubeconfig. Writes happen only with
// CNPG_E2E_ALLOW_WRITES=1, and are limited to one annotation that is removed afterwards.
import { strict as assert } from 'node:assert';
import { createClusterActions } from '../../src/kube/actions';
import { k8s } from '../../src/kube/client';
import { configForContext, loadKubeconfig, type LoadedKubeconfig } from '../../src/kube/kubeconfig';
import { createContextWatcher } from '../../src/kube/watcher';
import { KubeActionError, type ContextSnapshot, type ContextWatcher, type KubeObject } from '../../src/kube/types';
import { planBackup } from '../../src/core/status/backup-manifest';

const KUBECONFIG = process.env.CNPG_E2E_KUBECONFIG;
const ALLOW_WRITES = process.env.CNPG_E2E_ALLOW_WRITES === '1';
const TOUCH = 'cnpg-tools.e2e/touched';

function waitFor(w: ContextWatcher, ok: (s: ContextSnapshot) => boolean, what: string, capMs = 60_000): Promise<ContextSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (dispose(), reject(new Error(`timed out waiting for ${what}`))), capMs);
    const check = (s: ContextSnapshot) => {
      if (!ok(s)) return;
      clearTimeout(timer);
      dispose();
      resolve(s);
    };
    const dispose = w.onDidChange(check);
    check(w.snapshot());
  });
}

describe('end to end against a real cluster', function () {
  let loaded: LoadedKubeconfig;
  let context: string;
  let watcher: ContextWatcher;
  let cluster: KubeObject;

  before(function () {
    if (!KUBECONFIG) {
      console.log('    Skipping the end-to-end suite: set CNPG_E2E_KUBECONFIG to the kubeconfig of a disposable cluster with CloudNativePG (see docs/e2e.md).');
      this.skip();
    }
    loaded = loadKubeconfig({ path: KUBECONFIG });
    context = process.env.CNPG_E2E_CONTEXT || loaded.current || loaded.contexts[0]?.name;
    assert.ok(context, 'the kubeconfig has a context');
    const namespaces = process.env.CNPG_E2E_NAMESPACE ? [process.env.CNPG_E2E_NAMESPACE] : [];
    watcher = createContextWatcher(loaded.config, context, { namespaces });
  });

  after(() => watcher?.stop());

  it('lists CNPG clusters and detects the operator', async () => {
    watcher.start();
    const s = await waitFor(watcher, (s) => s.kinds.clusters.state !== 'loading' && s.operator !== undefined, 'clusters and operator');
    const clusters = s.kinds.clusters;
    assert.equal(clusters.state, 'ok', clusters.state === 'error' ? clusters.error.message : '');
    assert.ok(clusters.state === 'ok' && clusters.objects.length > 0, 'at least one Cluster (docs/e2e.md creates one)');
    cluster = clusters.state === 'ok' ? clusters.objects.find((c) => !process.env.CNPG_E2E_CLUSTER || c.metadata.name === process.env.CNPG_E2E_CLUSTER)! : cluster;
    assert.ok(cluster, 'the chosen cluster exists');
    console.log(`      ${clusters.state === 'ok' ? clusters.objects.length : 0} cluster(s); operator ${s.operator?.version} (${s.operator?.source}), Barman Cloud plugin ${s.operator?.barmanPlugin.present ? s.operator.barmanPlugin.version : 'absent'}`);
    assert.match(s.operator?.version ?? '', /^\d+\.\d+/);
  });

  it('creates a Backup as a server-side dry run (nothing is stored)', async () => {
    assert.ok(cluster, 'needs the previous test');
    const plan = planBackup(cluster, new Date());
    assert.ok(plan.ok, plan.ok ? '' : plan.reason);
    const actions = createClusterActions(loaded.config, context);
    const dry = await actions.createBackup(cluster.metadata.namespace!, plan.manifest, true);
    assert.equal(dry.metadata.name, plan.manifest.metadata.name);
    await assert.rejects(actions.getBackup(cluster.metadata.namespace!, plan.manifest.metadata.name), (e: KubeActionError) => e.error.reason === 'not-found');
    const applied = await actions.applyDryRun({ apiVersion: cluster.apiVersion, kind: cluster.kind, metadata: { name: cluster.metadata.name, namespace: cluster.metadata.namespace } });
    assert.equal(applied.metadata.name, cluster.metadata.name);
  });

  it('sees a change through its watch (needs CNPG_E2E_ALLOW_WRITES=1)', async function () {
    if (!ALLOW_WRITES) {
      console.log('      (skipped: set CNPG_E2E_ALLOW_WRITES=1 to let it annotate one Cluster and remove the annotation)');
      this.skip();
    }
    const api = configForContext(loaded.config, context).makeApiClient(k8s.CustomObjectsApi);
    const target = { group: 'postgresql.cnpg.io', version: 'v1', namespace: cluster.metadata.namespace!, plural: 'clusters', name: cluster.metadata.name };
    const stamp = new Date().toISOString();
    const patch = (value: string | null) =>
      api.patchNamespacedCustomObject({ ...target, body: { metadata: { annotations: { [TOUCH]: value } } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    await patch(stamp);
    try {
      await waitFor(watcher, (s) => s.kinds.clusters.state === 'ok' && s.kinds.clusters.objects.some((c) => c.metadata.annotations?.[TOUCH] === stamp), 'the annotation through the watch');
    } finally {
      await patch(null);
    }
    await waitFor(watcher, (s) => s.kinds.clusters.state === 'ok' && s.kinds.clusters.objects.every((c) => c.metadata.annotations?.[TOUCH] === undefined), 'the removal');
  });
});
