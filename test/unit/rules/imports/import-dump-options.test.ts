import { strict as assert } from 'node:assert';
import { applyFix, findingsOf } from './apply-fix';
import { describeRuleFixtures } from '../harness';

describeRuleFixtures('import-dump-options');

describe('import-dump-options quick fixes', () => {
  const cluster = (options: string, extra = '') => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: app
spec:
  bootstrap:
    initdb:
      import:
        type: microservice
        databases: [app]
        source: {externalCluster: old}${extra}
        pgDumpExtraOptions:
${options}
`;

  it('removes an option and its separate value item', () => {
    const text = cluster('          - --verbose\n          - --format\n          - custom\n          - --no-owner');
    const [finding] = findingsOf('import-dump-options', text);
    assert.equal(finding.fixes?.[0].title, 'Remove --format custom from pgDumpExtraOptions');
    const fixed = applyFix(finding, text);
    assert.equal(fixed, cluster('          - --verbose\n          - --no-owner'));
    assert.deepEqual(findingsOf('import-dump-options', fixed), []);
  });

  it('replaces -s with schemaOnly: true', () => {
    const text = cluster('          - -s\n          - --no-owner');
    const fixed = applyFix(findingsOf('import-dump-options', text)[0], text);
    assert.equal(fixed, cluster('          - --no-owner') + '        schemaOnly: true\n');
    assert.deepEqual(findingsOf('import-dump-options', fixed), []);
  });

  it('offers no fix for a flag grouped with others, nor against schemaOnly: false', () => {
    assert.deepEqual(findingsOf('import-dump-options', cluster('          - -vs'))[0].fixes, []);
    assert.deepEqual(findingsOf('import-dump-options', cluster('          - -s', '\n        schemaOnly: false'))[0].fixes, []);
  });

  it('says what breaks and what to do', () => {
    const [finding] = findingsOf('import-dump-options', cluster('          - --format=custom'));
    assert.match(finding.message, /--format=custom.*directory format.*import fails.*Remove it/);
  });
});
