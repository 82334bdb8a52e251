// Generated manifests: many layouts (indentation, sequence style, quoting, comments, blank lines) and
// shapes (credentials, retention, serverName, existing plugins, recovery sources, backups) through the
// migration, checking the same invariants as the fixtures plus the meaning of the result.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { migrateToBarmanPlugin } from '../../../src/core/transforms/barman-plugin';
import { getIn } from '../../../src/core/model/resource';
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
        const before = values(input).find((v) => v.kind === 'Cluster')!;
        const after = values(output);
        const cluster = after.find((v) => v.kind === 'Cluster')!;
        const stores = after.filter((v) => v.kind === 'ObjectStore');
        const storeNamed = (name: unknown) => stores.find((x) => getIn(x, ['metadata', 'name']) === name);
        const { serverName, ...config } = getIn(before, ['spec', 'backup', 'barmanObjectStore']) as Record<string, unknown>;
        const plugin = (getIn(cluster, ['spec', 'plugins']) as Record<string, unknown>[]).find((p) => p.name === 'barman-cloud.cloudnative-pg.io')!;
        const main = storeNamed(getIn(plugin, ['parameters', 'barmanObjectName']));
        assert.deepEqual(getIn(main, ['spec', 'configuration']), config, label);
        assert.equal(getIn(main, ['spec', 'retentionPolicy']), getIn(before, ['spec', 'backup', 'retentionPolicy']), label);
        assert.equal(getIn(main, ['metadata', 'namespace']), getIn(before, ['metadata', 'namespace']), label);
        assert.equal(plugin.isWALArchiver, true);
        assert.equal(getIn(plugin, ['parameters', 'serverName']), serverName, label);
        assert.equal(getIn(cluster, ['spec', 'backup', 'barmanObjectStore']), undefined);
        if (s.extras === 'none') assert.equal(getIn(cluster, ['spec', 'backup']), undefined, label);
        if (s.recovery !== 'none') {
          const ext = ['spec', 'externalClusters', 0];
          assert.equal(getIn(cluster, [...ext, 'plugin', 'parameters', 'serverName']), 'app-db-old', label);
          const source = storeNamed(getIn(cluster, [...ext, 'plugin', 'parameters', 'barmanObjectName']));
          assert.deepEqual(getIn(source, ['spec', 'configuration']), getIn(before, [...ext, 'barmanObjectStore']), label);
        }
        const sb = after.find((v) => v.kind === 'ScheduledBackup');
        if (sb) assert.equal(getIn(sb, ['spec', 'method']), s.scheduled === 'snapshot' ? 'volumeSnapshot' : 'plugin', label);
      }),
      { numRuns: Number(process.env.CNPG_TRANSFORM_RUNS ?? 60) },
    );
  });
});
