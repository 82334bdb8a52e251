import { strict as assert } from 'node:assert';
import { generateRestoreTest, type RestoreTestOptions } from '../../../src/core/transforms/restore-test';
import { TransformInputError, TransformRefused, type TransformResult } from '../../../src/core/transforms/types';
import { barmanPlugin } from '../../../src/core/cnpg/cluster';
import { readInTree } from '../../../src/core/transforms/barman-plugin/inspect';
import type { WorkspaceModel } from '../../../src/core/model/workspace';
import { applied, checkGolden, modelOf } from './harness';
import { assertOthersUntouched } from './invariants';
import { listGenerateCases, type GenerateCase } from './zalando/cases';
import { assertNoFindings, at, createdDocuments, findingsInNewDocuments, ofKind } from './zalando/checks';

/** The rules a restore test must never trigger (issue 4), besides every schema rule. */
const RESTORE_RULES = ['recovery-archives-into-source', 'external-cluster-server-name-implicit', 'in-tree-barman-deprecated', 'external-cluster-reference'];

function source(c: GenerateCase, model: WorkspaceModel) {
  const file = model.getFile(c.config.target);
  assert.ok(file, `${c.name}: no ${c.config.target}`);
  const clusters = file.resources.filter((r) => r.kind === 'Cluster' && (c.config.select === undefined || r.name === c.config.select));
  assert.equal(clusters.length, 1, `${c.name}: one source Cluster`);
  return clusters[0];
}

function run(c: GenerateCase, model = modelOf(c.input)): TransformResult {
  return generateRestoreTest(model, source(c, model), (c.config.options ?? {}) as RestoreTestOptions);
}

describe('transform: restore test (golden fixtures)', () => {
  for (const c of listGenerateCases('restore-test')) {
    it(`${c.name}${c.config.refused ? ' (refused)' : c.config.inputError ? ' (input error)' : ''}`, () => {
      if (c.config.refused) {
        assert.throws(() => run(c), (e: unknown) => e instanceof TransformRefused && e.refusals.some((r) => r.reason.includes(c.config.refused!)));
        return;
      }
      if (c.config.inputError) {
        assert.throws(() => run(c), (e: unknown) => e instanceof TransformInputError && e.message.includes(c.config.inputError!));
        return;
      }
      const model = modelOf(c.input);
      const src = source(c, model);
      const result = run(c, model);
      const { output, touched } = applied(c.input, result.changes);
      checkGolden(c, output, touched);
      for (const note of c.config.notes ?? []) {
        assert.ok(result.notes.some((n) => n.includes(note)), `${c.name}: expected a note containing "${note}", got:\n${result.notes.join('\n')}`);
      }
      assertOthersUntouched(c.input, output, (_doc, file) => /kustomization\.ya?ml$/.test(file), c.name);
      assertNoFindings(c.input, output, c.name, (c.config.allowed as string[] | undefined) ?? []);
      const docs = createdDocuments(result.changes, output);
      const test = ofKind(docs, 'Cluster');
      const name = String(at(test, 'metadata.name'));
      assert.ok(name.length <= 50 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name), 'a valid Cluster name');
      assert.equal(at(test, 'spec.instances'), 1);
      assert.equal(at(test, 'spec.plugins'), undefined, 'no plugin, so no WAL archiver');
      assert.equal(at(test, 'spec.backup'), undefined, 'no backup section');
      assert.deepEqual(at(test, 'spec.storage'), at(src.value, 'spec.storage'), 'the source\'s storage');
      const ext = (at(test, 'spec.externalClusters') as Record<string, unknown>[]).find((e) => e.name === at(test, 'spec.bootstrap.recovery.source'));
      const plugin = barmanPlugin(src.value);
      const inTree = readInTree(src).primary;
      const serverName = (plugin?.parameters.serverName as string | undefined) ?? inTree?.serverName ?? src.name;
      assert.equal(at(ext, 'plugin.parameters.serverName'), serverName, 'the source\'s effective serverName, written out');
      if (plugin) assert.equal(at(ext, 'plugin.parameters.barmanObjectName'), plugin.parameters.barmanObjectName);
      const options = (c.config.options ?? {}) as RestoreTestOptions;
      assert.deepEqual(at(test, 'spec.bootstrap.recovery.recoveryTarget'), options.targetTime ? { targetTime: options.targetTime } : options.targetLSN ? { targetLSN: options.targetLSN } : undefined);
    });
  }
});

describe('transform: restore test properties', () => {
  const cases = listGenerateCases('restore-test').filter((c) => !c.config.refused && !c.config.inputError);

  it('adding the restore test to the workspace never makes the source or the test archive into the other\'s folder', () => {
    for (const c of cases) {
      const result = run(c);
      const { output } = applied(c.input, result.changes);
      const bad = findingsInNewDocuments(c.input, output).filter((f) => RESTORE_RULES.includes(f.rule));
      assert.deepEqual(bad.map((f) => f.message), [], c.name);
    }
  });

  it('writes the plugin serverName of the source, not its cluster name', () => {
    const c = cases.find((x) => x.name === 'target-time-settings')!;
    const result = run(c);
    const docs = createdDocuments(result.changes, applied(c.input, result.changes).output);
    assert.equal(at(ofKind(docs, 'Cluster'), 'spec.externalClusters.0.plugin.parameters.serverName'), 'orders-v2');
  });

  it('refuses bad recovery targets as input errors', () => {
    const c = cases.find((x) => x.name === 'mealie-plugin')!;
    const model = modelOf(c.input);
    const cluster = source(c, model);
    assert.throws(() => generateRestoreTest(model, cluster, { targetTime: 'yesterday' }), TransformInputError);
    assert.throws(() => generateRestoreTest(model, cluster, { targetTime: '2026-13-01T00:00:00Z' }), TransformInputError);
    assert.throws(() => generateRestoreTest(model, cluster, { targetLSN: '3000060' }), TransformInputError);
    assert.throws(() => generateRestoreTest(model, cluster, { targetTime: '2026-07-01T12:00:00Z', targetLSN: '0/1' }), /not both/);
    assert.throws(() => generateRestoreTest(model, cluster, { name: 'mealie-pg' }), TransformRefused);
    assert.doesNotThrow(() => generateRestoreTest(model, cluster, { targetTime: '2026-07-01T12:00:00.5+02:00' }));
  });
});
