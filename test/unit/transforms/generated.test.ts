// Generated manifests: many layouts (indentation, sequence style, quoting, comments, blank lines) and
// shapes (credentials, retention, serverName, existing plugins, recovery sources, backups) through the
// migration, checking the same invariants as the fixtures plus the meaning of the result.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { migrateToBarmanPlugin } from '../../../src/core/transforms/barman-plugin';
import { applied, modelOf } from './harness';
import { manifest, shape } from './generate';
import { assertCommentsKept, assertEditsInsideDocuments, assertLintClean, assertOthersUntouched, barmanMayChange } from './invariants';

function values(files: Map<string, string>): Record<string, unknown>[] {
  return [...files.values()].flatMap((t) => parseAllDocuments(t).map((d) => d.toJS() as Record<string, unknown>));
}

describe('transform properties: generated manifests', () => {
  it('migrate every layout exactly, idempotently and lint-clean', () => {
    fc.assert(
      fc.property(shape, (s) => {
        const input = new Map([['db/app-db.yaml', manifest(s)]]);
        const result = migrateToBarmanPlugin(modelOf(input), { objectStorePlacement: s.placement });
        const { output } = applied(input, result.changes);
        const label = JSON.stringify(s);
        assertEditsInsideDocuments(input, result.changes, label);
        assertOthersUntouched(input, output, barmanMayChange, label);
        assertCommentsKept(input, output, label, s.recovery === 'same-bucket');
        assertLintClean(input, output, label);
        assert.deepEqual(migrateToBarmanPlugin(modelOf(output)).changes, [], `${label}: second run`);
        // Meaning: the store holds the old block minus serverName, the plugin keeps the serverName.
        const before = values(input).find((v) => v.kind === 'Cluster') as any;
        const after = values(output);
        const cluster = after.find((v) => v.kind === 'Cluster') as any;
        const stores = after.filter((v) => v.kind === 'ObjectStore') as any[];
        const { serverName, ...config } = before.spec.backup.barmanObjectStore;
        const plugin = cluster.spec.plugins.find((p: any) => p.name === 'barman-cloud.cloudnative-pg.io');
        const main = stores.find((x) => x.metadata.name === plugin.parameters.barmanObjectName);
        assert.deepEqual(main.spec.configuration, config, label);
        assert.equal(main.spec.retentionPolicy, before.spec.backup.retentionPolicy, label);
        assert.equal(main.metadata.namespace, before.metadata.namespace, label);
        assert.equal(plugin.isWALArchiver, true);
        assert.equal(plugin.parameters.serverName, serverName, label);
        assert.equal(cluster.spec.backup?.barmanObjectStore, undefined);
        if (s.extras === 'none') assert.equal(cluster.spec.backup, undefined, label);
        if (s.recovery !== 'none') {
          const ext = cluster.spec.externalClusters[0];
          assert.equal(ext.plugin.parameters.serverName, 'app-db-old', label);
          const source = stores.find((x) => x.metadata.name === ext.plugin.parameters.barmanObjectName);
          assert.deepEqual(source.spec.configuration, before.spec.externalClusters[0].barmanObjectStore, label);
        }
        const sb = after.find((v) => v.kind === 'ScheduledBackup') as any;
        if (sb) assert.equal(sb.spec.method, s.scheduled === 'snapshot' ? 'volumeSnapshot' : 'plugin', label);
      }),
      { numRuns: Number(process.env.CNPG_TRANSFORM_RUNS ?? 60) },
    );
  });
});
