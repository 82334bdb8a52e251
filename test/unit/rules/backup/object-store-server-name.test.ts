import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, source } from './fix-helpers';

describeRuleFixtures('object-store-server-name');

describe('object-store-server-name quick fix', () => {
  it('moves serverName to the one Cluster that uses the store', () => {
    const files = fixture('object-store-server-name', 'fire-server-name.yaml');
    const [f] = findings('object-store-server-name', files);
    const fixed = applyFix(files, f, /Move serverName to Cluster pg/);
    const [store, cluster] = parseAllDocuments(fixed[0].text).map((d) => d.toJS());
    assert.equal(store.spec.configuration.serverName, undefined);
    assert.deepEqual(cluster.spec.plugins[0].parameters, { barmanObjectName: 'pg-store', serverName: 'pg-v1' });
    assert.deepEqual(findings('object-store-server-name', fixed), []);
  });

  it('offers no move when several Clusters use the store', () => {
    const files = fixture('object-store-server-name', 'fire-server-name.yaml');
    const second = source('second.yaml', files[0].text.split('---\n')[1].replace('name: pg\n', 'name: pg-b\n'));
    const [f] = findings('object-store-server-name', [...files, second]);
    assert.deepEqual(f.fixes ?? [], []);
    assert.match(f.message, /in each Cluster/);
  });
});
