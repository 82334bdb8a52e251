import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { describeRuleFixtures } from '../harness';
import { intendedParameter } from '../../../../src/core/rules/backup/barman-plugin-parameters';
import { applyFix, findings, fixture } from './fix-helpers';

describeRuleFixtures('barman-plugin-parameters');

describe('barman-plugin-parameters', () => {
  it('seed 000: both the name and the parameters are flagged', () => {
    const files = fixture('barman-plugin-parameters', 'fire-seed-000.yaml');
    assert.equal(findings('barman-plugin-name', files).length, 1);
    const params = findings('barman-plugin-parameters', files);
    assert.deepEqual(params.map((f) => f.severity).sort(), ['error', 'warning', 'warning']);
    assert.ok(params.some((f) => /spec\.configuration\.destinationPath/.test(f.message)));
    assert.ok(params.some((f) => /injects no sidecar/.test(f.message)));
  });

  it('renames a misspelled barmanObjectName: one error, no separate "missing" finding', () => {
    const files = fixture('barman-plugin-parameters', 'fire-misspelled.yaml');
    const f = findings('barman-plugin-parameters', files).find((x) => x.message.includes('not objectStoreName'))!;
    assert.equal(f.severity, 'error');
    let fixed = applyFix(files, f, /Rename to barmanObjectName/);
    const server = findings('barman-plugin-parameters', fixed).find((x) => x.message.includes('"server_name"'))!;
    fixed = applyFix(fixed, server, /Rename to serverName/);
    const cluster = parseAllDocuments(fixed[0].text)[0].toJS();
    assert.deepEqual(cluster.spec.plugins[0].parameters, { barmanObjectName: 'pg-store', serverName: 'pg-v2' });
    assert.ok(!findings('barman-plugin-parameters', fixed).some((x) => x.range.start.line < 16));
  });

  it('offers removal, not a rename, when the intended key is already set', () => {
    const files = fixture('barman-plugin-parameters', 'fire-misspelled.yaml');
    const f = findings('barman-plugin-parameters', files).find((x) => x.message.includes('"barmanObjectStore"'))!;
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Remove barmanObjectStore (barmanObjectName is set)']);
    const fixed = applyFix(files, f, /Remove/);
    assert.equal(parseAllDocuments(fixed[0].text)[0].toJS().spec.externalClusters[1].plugin.parameters.barmanObjectStore, undefined);
  });

  it('knows the clear misspellings only', () => {
    assert.equal(intendedParameter('objectStoreName'), 'barmanObjectName');
    assert.equal(intendedParameter('storeName'), 'barmanObjectName');
    assert.equal(intendedParameter('barman_object_name'), 'barmanObjectName');
    assert.equal(intendedParameter('server-name'), 'serverName');
    assert.equal(intendedParameter('serverName'), undefined);
    assert.equal(intendedParameter('destinationPath'), undefined);
  });
});

describe('barman-plugin-parameters and barman-plugin-name together', () => {
  it('leaves a store name used as plugin name to barman-plugin-name (one root cause, one finding)', () => {
    const files = fixture('barman-plugin-name', 'fire-everywhere.yaml');
    const name = findings('barman-plugin-name', files).filter((f) => f.message.includes('"pg-store" is the name of an ObjectStore'));
    assert.equal(name.length, 1);
    const params = findings('barman-plugin-parameters', files).filter((f) => f.range.start.line === name[0].range.start.line);
    assert.deepEqual(params, []);
  });
});
