import { strict as assert } from 'node:assert';
import { targetOf } from '../../../src/extension/commands/target';

describe('command targets', () => {
  it('reads a tree row, a CodeLens argument, and the active context as default', () => {
    const row = { id: 'x', kind: 'cluster', label: 'pg', contextValue: 'cnpg.cluster+plugin', expanded: false, children: [], target: { context: 'prod', namespace: 'db', name: 'pg', apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' } };
    assert.deepEqual(targetOf(row, 'other'), { context: 'prod', namespace: 'db', name: 'pg', apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' });
    assert.deepEqual(targetOf({ namespace: 'db', name: 'pg' }, 'active'), { context: 'active', namespace: 'db', name: 'pg', apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' });
  });

  it('refuses what names no namespaced object or no context', () => {
    assert.equal(targetOf(undefined, 'a'), undefined);
    assert.equal(targetOf({ name: 'pg' }, 'a'), undefined);
    assert.equal(targetOf({ namespace: 'db', name: 'pg' }, undefined), undefined);
    assert.equal(targetOf({ id: 'ctx/a', target: { context: 'a' } }, 'a'), undefined);
  });
});
