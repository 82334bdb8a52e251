import { strict as assert } from 'node:assert';
import { migrateToBarmanPlugin, type BarmanPluginOptions } from '../../../src/core/transforms/barman-plugin';
import { TransformInputError, TransformRefused } from '../../../src/core/transforms/types';
import { applied, checkGolden, listCases, modelOf } from './harness';

describe('transform: in-tree Barman Cloud -> Barman Cloud Plugin (golden fixtures)', () => {
  for (const c of listCases('barman-plugin')) {
    it(`${c.name}${c.config.refused ? ' (refused)' : ''}`, () => {
      const model = modelOf(c.input);
      const options = (c.config.options ?? {}) as BarmanPluginOptions;
      if (c.config.refused) {
        assert.throws(
          () => migrateToBarmanPlugin(model, options),
          (e: unknown) => e instanceof TransformRefused && e.refusals.some((r) => r.reason.includes(c.config.refused!)),
        );
        return;
      }
      const result = migrateToBarmanPlugin(model, options);
      const { output, touched } = applied(c.input, result.changes);
      checkGolden(c, output, touched);
      for (const note of c.config.notes ?? []) {
        assert.ok(result.notes.some((n) => n.includes(note)), `${c.name}: expected a note containing "${note}", got:\n${result.notes.join('\n')}`);
      }
    });
  }
});

describe('transform: barman-plugin input errors', () => {
  const input = listCases('barman-plugin').find((c) => c.name === 'custom-template')!.input;
  it('rejects an unknown --cluster', () => {
    assert.throws(() => migrateToBarmanPlugin(modelOf(input), { clusters: ['nope'] }), TransformInputError);
  });
  it('rejects a template with another placeholder or an invalid name', () => {
    assert.throws(() => migrateToBarmanPlugin(modelOf(input), { objectStoreName: '${cluster}-${ENV}' }), /may only use/);
    assert.throws(() => migrateToBarmanPlugin(modelOf(input), { objectStoreName: 'Store_${cluster}' }), /not a valid Kubernetes name/);
  });
  it('rejects a malformed cluster selector', () => {
    assert.throws(() => migrateToBarmanPlugin(modelOf(input), { clusters: ['a/b/c'] }), TransformInputError);
  });
  it('says there is nothing to do when nothing is in-tree', () => {
    const c = listCases('barman-plugin').find((x) => x.name === 'already-migrated')!;
    const r = migrateToBarmanPlugin(modelOf(c.input));
    assert.deepEqual(r.changes, []);
    assert.match(r.summary[0], /Nothing to migrate/);
  });
});
