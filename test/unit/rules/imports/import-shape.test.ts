import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findingsOf } from './apply-fix';

describeRuleFixtures('import-shape');

describe('import-shape quick fix', () => {
  it('removes roles from a microservice import', () => {
    const text = `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: app
spec:
  bootstrap:
    initdb:
      import:
        type: microservice
        databases: [app]
        roles:
          - app
        source: {externalCluster: old}
`;
    const [f] = findingsOf('import-shape', text);
    const fixed = applyFix(f, text);
    assert.doesNotMatch(fixed, /roles/);
    assert.deepEqual(findingsOf('import-shape', fixed), []);
  });
});
