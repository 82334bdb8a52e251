import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { findings, fixture } from './fix-helpers';

describeRuleFixtures('object-store-credentials');

describe('object-store-credentials', () => {
  it('says the webhook rejects in-tree stores and that ObjectStores fail at runtime', () => {
    const inTree = findings('object-store-credentials', fixture('object-store-credentials', 'fire-in-tree.yaml'));
    assert.match(inTree.find((f) => f.message.includes('spec.backup'))!.message, /webhook rejects/);
    assert.match(inTree.find((f) => f.message.includes('azureCredentials'))!.message, /storageAccount/);
    const stores = findings('object-store-credentials', fixture('object-store-credentials', 'fire-object-stores.yaml'));
    assert.ok(stores.every((f) => !/webhook rejects/.test(f.message)));
    assert.match(stores.find((f) => f.message.includes('accessKeyId but no secretAccessKey'))!.message, /through this ObjectStore fail at runtime/);
  });
});
