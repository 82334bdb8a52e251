import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, text } from './fix-helpers';

describeRuleFixtures('retention-policy-ignored');

describe('retention-policy-ignored quick fixes', () => {
  const files = () => fixture('retention-policy-ignored', 'fire-plugin-cluster');
  const first = (fs: ReturnType<typeof files>) => findings('retention-policy-ignored', fs).find((f) => f.message.includes('homeassistant-store'))!;

  it('moves the value to the ObjectStore and drops the emptied spec.backup', () => {
    const fixed = applyFix(files(), first(files()), /Move retentionPolicy to ObjectStore homeassistant-store/);
    assert.equal(parse(text(fixed, 'store.yaml')).spec.retentionPolicy, '30d');
    assert.match(text(fixed, 'store.yaml'), /\n {2}retentionPolicy: "30d"\n/);
    const cluster = parse(text(fixed, 'cluster.yaml').split('---\n')[0]);
    assert.equal(cluster.spec.backup, undefined);
    assert.equal(findings('retention-policy-ignored', fixed).length, 1);
  });

  it('never overwrites a different value on the ObjectStore: only removal is offered', () => {
    const fs = files().map((f) => (f.path.endsWith('store.yaml') ? { ...f, text: f.text.replace('spec:\n', 'spec:\n  retentionPolicy: 14d\n') } : f));
    const f = first(fs);
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Remove the ignored retentionPolicy']);
    assert.match(f.message, /has retentionPolicy 14d, which is the one applied/);
  });

  it('offers removal as the preferred fix when the ObjectStore already has the same value', () => {
    const fs = files().map((f) => (f.path.endsWith('store.yaml') ? { ...f, text: f.text.replace('spec:\n', 'spec:\n  retentionPolicy: 30d\n') } : f));
    const f = first(fs);
    assert.deepEqual(f.fixes?.map((x) => [x.title, x.isPreferred]), [['Remove retentionPolicy (ObjectStore homeassistant-store already has it)', true]]);
  });
});
