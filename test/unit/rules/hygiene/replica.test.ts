import { strict as assert } from 'node:assert';
import { isReplicaCluster, walArchivingDisabled } from '../../../../src/core/cnpg/replica';

describe('cnpg/replica', () => {
  const c = (replica: unknown, name = 'pg-eu') => ({ metadata: { name }, spec: replica === undefined ? {} : { replica } });

  it('follows replica.enabled when it is set', () => {
    assert.equal(isReplicaCluster(c(undefined)), false);
    assert.equal(isReplicaCluster(c({ enabled: true, source: 'x' })), true);
    assert.equal(isReplicaCluster(c({ enabled: false, source: 'x' })), false);
  });

  it('compares replica.primary with replica.self (or the name) in a distributed topology', () => {
    assert.equal(isReplicaCluster(c({ primary: 'pg-eu', source: 'pg-us' })), false);
    assert.equal(isReplicaCluster(c({ primary: 'pg-us', source: 'pg-us' })), true);
    assert.equal(isReplicaCluster(c({ primary: 'eu', self: 'eu', source: 'us' })), false);
    assert.equal(isReplicaCluster(c({ primary: '${PRIMARY}', source: 'us' })), undefined);
    assert.equal(isReplicaCluster(c({ primary: 'us', source: 'us' }, '${NAME}')), undefined);
  });

  it('reads the skipWalArchiving annotation', () => {
    assert.equal(walArchivingDisabled({ metadata: { annotations: { 'cnpg.io/skipWalArchiving': 'enabled' } } }), true);
    assert.equal(walArchivingDisabled({ metadata: { annotations: { 'cnpg.io/skipWalArchiving': 'disabled' } } }), false);
    assert.equal(walArchivingDisabled({}), false);
  });
});
