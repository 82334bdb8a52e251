import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture } from './fix-helpers';

describeRuleFixtures('barman-plugin-name');

describe('barman-plugin-name', () => {
  it('fixes seed 000 keeping the quotes, and explains the consequence', () => {
    const files = fixture('barman-plugin-name', 'fire-seed-000.yaml');
    const [f] = findings('barman-plugin-name', files);
    assert.match(f.message, /unknown plugin being required/);
    const fixed = applyFix(files, f, /Use barman-cloud\.cloudnative-pg\.io/);
    assert.match(fixed[0].text, /- name: "barman-cloud\.cloudnative-pg\.io"\n/);
    assert.deepEqual(findings('barman-plugin-name', fixed), []);
  });

  it('turns an ObjectStore name used as plugin name into barmanObjectName', () => {
    const files = fixture('barman-plugin-name', 'fire-everywhere.yaml');
    const all = findings('barman-plugin-name', files);
    const storeAsName = all.find((f) => f.message.startsWith('"pg-store" is the name of an ObjectStore'));
    assert.ok(storeAsName);
    const fixed = applyFix(files, storeAsName, /with barmanObjectName: pg-store/);
    const cluster = parseAllDocuments(fixed[0].text)[1].toJS();
    assert.deepEqual(cluster.spec.plugins[0], { name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'pg-store' } });
    assert.equal(findings('barman-plugin-name', fixed).length, all.length - 1);
  });

  it('tells Backups that they fail with "requested plugin is not available"', () => {
    const all = findings('barman-plugin-name', fixture('barman-plugin-name', 'fire-everywhere.yaml'));
    assert.equal(all.filter((f) => /requested plugin is not available/.test(f.message)).length, 2);
    const flow = all.find((f) => f.message.includes('"barman-cloud"'))!;
    const fixed = applyFix(fixture('barman-plugin-name', 'fire-everywhere.yaml'), flow, /Use/);
    assert.equal(parseAllDocuments(fixed[0].text)[3].toJS().spec.pluginConfiguration.name, 'barman-cloud.cloudnative-pg.io');
  });
});
