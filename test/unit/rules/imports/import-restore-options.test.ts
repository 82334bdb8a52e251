import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findingsOf } from './apply-fix';

describeRuleFixtures('import-restore-options');

describe('import-restore-options messages and fixes', () => {
  const cluster = (type: string, options: string) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: app
spec:
  bootstrap:
    initdb:
      import:
        type: ${type}
        databases: [app]
        source: {externalCluster: old}
        pgRestoreExtraOptions:
${options}
`;

  it('flags --create only in a microservice import', () => {
    assert.equal(findingsOf('import-restore-options', cluster('microservice', '          - -C')).length, 1);
    assert.equal(findingsOf('import-restore-options', cluster('monolith', '          - -C')).length, 0);
  });

  it('names the section the extra options are used for when a combination breaks', () => {
    const [f] = findingsOf('import-restore-options', cluster('microservice', '          - --clean'));
    assert.match(f.message, /--clean.*without --if-exists \(used for the pre-data section\).*Add --if-exists/);
  });

  it('removes an option with its separate value', () => {
    const text = cluster('microservice', '          - --verbose\n          - --section\n          - data');
    const [f] = findingsOf('import-restore-options', text);
    assert.equal(f.fixes?.[0].title, 'Remove --section data from pgRestoreExtraOptions');
    assert.equal(applyFix(f, text), cluster('microservice', '          - --verbose'));
  });
});
