import { strict as assert } from 'node:assert';
import { switchObjectStore, type ObjectStoreSwitchOptions } from '../../../src/core/transforms/object-store-switch';
import { TransformInputError } from '../../../src/core/transforms/types';
import { applied, checkGolden, listCases, modelOf } from './harness';

describe('transform: object-store switch (golden fixtures)', () => {
  for (const c of listCases('object-store')) {
    it(c.name, () => {
      const result = switchObjectStore(modelOf(c.input), c.config.options as unknown as ObjectStoreSwitchOptions);
      const { output, touched } = applied(c.input, result.changes);
      checkGolden(c, output, touched);
      const rollout = c.config.rollout as Record<string, boolean>;
      const clusters = c.config.clusters as Record<string, string[]>;
      assert.deepEqual(Object.fromEntries(result.stores.map((s) => [s.store, s.needsRollout])), rollout);
      assert.deepEqual(Object.fromEntries(result.stores.map((s) => [s.store, s.clusters.map((x) => x.name)])), clusters);
    });
  }
});

describe('transform: object-store switch reports and errors', () => {
  const input = listCases('object-store').find((c) => c.name === 'minio-to-garage')!.input;
  it('lists what changed per store and which fields need a rollout', () => {
    const r = switchObjectStore(modelOf(input), { endpointURL: 'https://s3.garage.internal' });
    assert.deepEqual(r.stores.map((s) => [s.store, s.changed, s.needsRollout]), [
      ['mealie-backup-store', ['endpointURL'], false],
      ['mealie-external-store', ['endpointURL'], false],
    ]);
    assert.ok(r.notes.some((n) => n.includes('rclone')), 'reminds to copy the backups first');
  });
  it('does nothing when the stores already use the settings', () => {
    const r = switchObjectStore(modelOf(input), { endpointURL: 'https://s3.internal' });
    assert.deepEqual(r.changes, []);
    assert.match(r.summary[0], /Nothing to change/);
  });
  it('notes a secret mapping that matches nothing', () => {
    const r = switchObjectStore(modelOf(input), { endpointURL: 'https://s3.garage.internal', secrets: { 'no-such-secret': 'x' } });
    assert.ok(r.notes.some((n) => n.includes('no-such-secret')));
  });
  it('rejects a non-URL endpoint and an unknown store', () => {
    assert.throws(() => switchObjectStore(modelOf(input), { endpointURL: 's3.garage.internal' }), TransformInputError);
    assert.throws(() => switchObjectStore(modelOf(input), { endpointURL: 'https://x', stores: ['nope'] }), TransformInputError);
  });
});
