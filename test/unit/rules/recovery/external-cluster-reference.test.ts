import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, text } from '../backup/fix-helpers';

const RULE = 'external-cluster-reference';
describeRuleFixtures(RULE);

describe(RULE, () => {
  const files = () => fixture(RULE, 'fire-references.yaml');
  const msg = (re: RegExp) => findings(RULE, files()).find((f) => re.test(f.message));

  it('explains each problem as the webhook would', () => {
    assert.ok(msg(/bootstrap\.recovery\.source names external cluster "orign".*Its external clusters are "origin"\..*Did you mean "origin"\?/));
    assert.ok(msg(/replica\.primary names external cluster "pg-eu"/));
    assert.ok(msg(/bootstrap\.pg_basebackup\.source names external cluster "zalando-cluster".*It has no spec\.externalClusters\./));
    assert.ok(msg(/initdb\.import\.source\.externalCluster names external cluster "mastodon-source".*nothing to connect to/));
    assert.ok(msg(/"no-connection" has none of connectionParameters, plugin and barmanObjectStore/));
    assert.ok(msg(/"mastodon-postgresql" is listed twice \(also entry 0\)/));
    assert.ok(msg(/External cluster name "a\/b" contains/));
    assert.ok(msg(/Secret reference password\.name "\.\.\/etc\/passwd" of external cluster "no-connection"/));
  });

  it('quick fix uses the close name', () => {
    const f = msg(/"orign"/)!;
    const out = applyFix(files(), f, /Use "origin"/);
    assert.match(text(out, 'fire-references.yaml'), /recovery:\n {6}source: origin\n/);
    assert.equal(findings(RULE, out).length, findings(RULE, files()).length - 1);
    assert.deepEqual(msg(/"pg-eu"/)!.fixes ?? [], []);
  });
});
