import assert from 'node:assert/strict';
import { FIXTURE_NOW, rebased, standardScene } from '../../kube-fake/fixtures';

describe('fixtures on the real clock', () => {
  it('keeps every timestamp at the same distance from now', () => {
    const now = new Date(FIXTURE_NOW.getTime() + 3 * 86400_000);
    const scene = standardScene();
    const moved = rebased(scene, now);
    const plugin = (list: typeof scene) => list.find((o) => o.kind === 'Cluster' && o.metadata.name === 'pg-plugin') as unknown as { status: { lastSuccessfulBackup: string } };
    const before = Date.parse(plugin(scene).status.lastSuccessfulBackup);
    const after = Date.parse(plugin(moved).status.lastSuccessfulBackup);
    assert.equal(FIXTURE_NOW.getTime() - before, now.getTime() - after);
    assert.equal(moved.length, scene.length);
    assert.notDeepEqual(moved, scene);
  });

  it('leaves strings that are not timestamps alone', () => {
    const moved = rebased([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '2026-11-20' }, data: { at: 'backup at 2026-11-20T10:00:00Z' } }], new Date());
    assert.deepEqual(moved[0], { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '2026-11-20' }, data: { at: 'backup at 2026-11-20T10:00:00Z' } });
  });
});
