// Properties of the migration over every golden fixture: idempotent, comments kept, untouched
// documents byte-identical, edits confined to documents, output lint- and schema-clean.
import { strict as assert } from 'node:assert';
import { migrateToBarmanPlugin, type BarmanPluginOptions } from '../../../src/core/transforms/barman-plugin';
import { switchObjectStore, type ObjectStoreSwitchOptions } from '../../../src/core/transforms/object-store-switch';
import { applied, listCases, modelOf } from './harness';
import { assertCommentsKept, assertEditsInsideDocuments, assertLintClean, assertOthersUntouched, barmanMayChange } from './invariants';

describe('transform properties: barman-plugin over all fixtures', () => {
  for (const c of listCases('barman-plugin').filter((x) => !x.config.refused)) {
    it(c.name, () => {
      const options = (c.config.options ?? {}) as BarmanPluginOptions;
      const result = migrateToBarmanPlugin(modelOf(c.input), options);
      const { output } = applied(c.input, result.changes);
      assertEditsInsideDocuments(c.input, result.changes, c.name);
      assertOthersUntouched(c.input, output, barmanMayChange, c.name);
      if (!c.config.dropsComments) assertCommentsKept(c.input, output, c.name);
      assertLintClean(c.input, output, c.name);
      const again = migrateToBarmanPlugin(modelOf(output), options);
      assert.deepEqual(again.changes, [], `${c.name}: a second run changes something`);
    });
  }
});

describe('transform properties: the checks themselves', () => {
  const c = listCases('barman-plugin').find((x) => x.name === 'homeassistant-kustomize')!;
  it('flag an in-tree workspace as not lint-clean', () => {
    const touchedAll = new Map([...c.input].map(([f, t]) => [f, t] as const));
    assert.throws(() => assertLintClean(new Map(), touchedAll, 'input'), /in-tree-barman-deprecated/);
  });
  it('flag an output that breaks the CRD schema', () => {
    const store = 'apiVersion: barmancloud.cnpg.io/v1\nkind: ObjectStore\nmetadata:\n  name: s\nspec:\n  configuration:\n    destinationPath: s3://b/\n    serverName: x\n    s3Credentials:\n      inheritFromIAMRole: true\n  retention: 30d\n';
    assert.throws(() => assertLintClean(new Map(), new Map([['s.yaml', store]]), 'schema'), /unknown-field/);
  });
  it('notice a lost comment and a changed neighbour document', () => {
    const file = 'apps/home-automation/postgresql/cluster.yaml';
    const output = new Map(c.input);
    output.set(file, c.input.get(file)!.replace('# Keep a month of history.\n', ''));
    assert.throws(() => assertCommentsKept(c.input, output, 'x'), /comment lost/);
    const sb = 'apps/home-automation/postgresql/externalsecret.yaml';
    output.set(sb, c.input.get(sb)!.replace('onepassword', 'vault'));
    assert.throws(() => assertOthersUntouched(c.input, output, barmanMayChange, 'x'), /should not change/);
  });
});

describe('transform properties: object-store switch over all fixtures', () => {
  for (const c of listCases('object-store').filter((x) => !x.config.refused)) {
    it(c.name, () => {
      const options = c.config.options as unknown as ObjectStoreSwitchOptions;
      const result = switchObjectStore(modelOf(c.input), options);
      const { output } = applied(c.input, result.changes);
      assertEditsInsideDocuments(c.input, result.changes, c.name);
      assertOthersUntouched(c.input, output, (text) => /kind:\s*ObjectStore/.test(text), c.name);
      assertCommentsKept(c.input, output, c.name);
      assertLintClean(c.input, output, c.name);
      const again = switchObjectStore(modelOf(output), options);
      assert.deepEqual(again.changes, [], `${c.name}: a second run changes something`);
    });
  }
});
