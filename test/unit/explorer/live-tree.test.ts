// The tree model on real watchers (src/kube) against the in-process fake API server: what the
// explorer shows for the standard scene, a watch update, and an unreachable context.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubeServer } from '../../kube-fake/server';
import { FIXTURE_NOW, load, standardScene } from '../../kube-fake/fixtures';
import { loadKubeconfig } from '../../../src/kube/kubeconfig';
import { createContextWatcher } from '../../../src/kube/watcher';
import type { ContextSnapshot, ContextWatcher } from '../../../src/kube/types';
import { buildTree, findRow } from '../../../src/core/status/tree-model';
import type { RowModel } from '../../../src/core/status/tree-types';

const options = { now: FIXTURE_NOW.getTime(), attentionOnly: false, namespaces: [] };

function until(w: ContextWatcher, pred: (s: ContextSnapshot) => boolean, what: string, ms = 10_000): Promise<ContextSnapshot> {
  return new Promise((resolve, reject) => {
    if (pred(w.snapshot())) return resolve(w.snapshot());
    const timer = setTimeout(() => (off(), reject(new Error(`timed out waiting for ${what}`))), ms);
    const off = w.onDidChange((s) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

const loaded = (s: ContextSnapshot) => Object.values(s.kinds).every((k) => k.state !== 'loading') && s.operator !== undefined;

describe('explorer tree on live watchers (fake API server)', function () {
  this.timeout(20_000);
  let server: FakeKubeServer;
  let dir: string;
  let watcher: ContextWatcher | undefined;

  beforeEach(async () => {
    server = await FakeKubeServer.start();
    load(server, standardScene());
    dir = mkdtempSync(join(tmpdir(), 'cnpg-live-tree-'));
  });

  afterEach(async () => {
    watcher?.stop();
    watcher = undefined;
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function watch(context: string, text: string): ContextWatcher {
    const file = join(dir, `${context}.yaml`);
    writeFileSync(file, text);
    const kc = loadKubeconfig({ path: file });
    watcher = createContextWatcher(kc.config, context, { debounceMs: 20 });
    watcher.start();
    return watcher;
  }

  it('shows the standard scene with the detected operator, states and attention', async () => {
    const w = watch('fake', server.kubeconfig({ context: 'fake' }));
    const snap = await until(w, loaded, 'all kinds listed');
    const rows = buildTree([{ name: 'fake', active: true, snapshot: snap }], options);
    assert.equal(rows[0].description, 'active · operator 1.30.0 · barman plugin 0.14.0');
    assert.equal(rows[0].children[0].label, '4 clusters: 2 in-tree, 1 mixed, 1 plugin · 1 failing · Zalando 1 (1 not migrated)');
    const row = (name: string) => findRow(rows, (r) => r.kind === 'cluster' && r.label === name)!;
    assert.match(row('pg-plugin').description!, /^plugin · archiving ok · backup \d+h ago$/);
    assert.equal(row('pg-plugin').contextValue, 'cnpg.cluster+plugin');
    assert.equal(row('pg-mixed').contextValue, 'cnpg.cluster+mixed+migratable+attention');
    assert.equal(row('pg-failing').icon?.id, 'error');
    assert.match(row('pg-failing').description!, /archiving failing · backup failed/);
    assert.equal(row('pg-intree').contextValue, 'cnpg.cluster+inTree+migratable+attention');
    const config = row('pg-plugin').children.find((c) => c.label === 'Backup configuration')!.children;
    assert.ok(config.some((c) => c.label === 'ObjectStore' && c.description === 'pg-plugin-store'), config.map((c) => c.label).join());
    assert.equal(findRow(rows, (r) => r.kind === 'zalando')?.description, 'Zalando · Running · not migrated');
  });

  it('updates a row from a watch event, without listing again', async () => {
    const w = watch('fake', server.kubeconfig({ context: 'fake' }));
    await until(w, loaded, 'all kinds listed');
    const lists = server.requests.filter((r) => r.verb === 'list').length;
    server.modify('postgresql.cnpg.io/v1', 'Cluster', 'db', 'pg-plugin', (o) => {
      const conditions = (o.status as { conditions: { type: string; status: string; message?: string }[] }).conditions;
      const c = conditions.find((x) => x.type === 'ContinuousArchiving')!;
      c.status = 'False';
      c.message = 'unexpected failure invoking barman-cloud-wal-archive: exit status 1';
    });
    const snap = await until(w, (s) => s.kinds.clusters.state === 'ok' && JSON.stringify(s.kinds.clusters.objects).includes('exit status 1'), 'the watch event');
    const pg = findRow(buildTree([{ name: 'fake', active: true, snapshot: snap }], options), (r) => r.kind === 'cluster' && r.label === 'pg-plugin')!;
    assert.match(pg.description!, /archiving failing/);
    assert.equal(pg.contextValue, 'cnpg.cluster+plugin+attention');
    assert.equal(server.requests.filter((r) => r.verb === 'list').length, lists);
  });

  it('shows an error node with the reason for an unreachable context', async () => {
    const text = server.kubeconfig({ context: 'gone' }).replace(server.url, 'http://127.0.0.1:9');
    const w = watch('gone', text);
    const snap = await until(w, (s) => s.kinds.clusters.state === 'error', 'the clusters error');
    const [ctx] = buildTree([{ name: 'gone', active: false, snapshot: snap }], options);
    const error = ctx.children[0] as RowModel;
    assert.equal(error.kind, 'context-error');
    assert.equal(error.contextValue, 'cnpg.context.error+unreachable');
    assert.equal(error.label, 'Cannot reach the API server');
  });

  it('shows that CloudNativePG is not installed when its API is missing', async () => {
    server.uninstallGroup('postgresql.cnpg.io');
    const w = watch('bare', server.kubeconfig({ context: 'bare' }));
    const snap = await until(w, (s) => s.kinds.clusters.state === 'error', 'the clusters error');
    const [ctx] = buildTree([{ name: 'bare', active: true, snapshot: snap }], options);
    assert.equal(ctx.children[0].contextValue, 'cnpg.context.error+crd-missing');
  });
});
