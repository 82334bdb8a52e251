import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, text } from '../backup/fix-helpers';

const RULE = 'skip-empty-wal-archive-check';
describeRuleFixtures(RULE);

describe(RULE, () => {
  it('quick fix removes the annotation, and the annotations key when it was the only one', () => {
    let out = fixture(RULE, 'fire-annotation.yaml');
    assert.match(findings(RULE, out)[0].message, /mixing two histories in one catalog/);
    out = applyFix(out, findings(RULE, out)[0], /Remove cnpg\.io\/skipEmptyWalArchiveCheck/);
    out = applyFix(out, findings(RULE, out)[0], /Remove cnpg\.io\/skipEmptyWalArchiveCheck/);
    const t = text(out, 'fire-annotation.yaml');
    assert.doesNotMatch(t, /skipEmptyWalArchiveCheck"?:/);
    assert.match(t, /name: pg-restored\n {2}# \^+ skip-empty-wal-archive-check warning\nspec:/);
    assert.match(t, /annotations:\n {2}# \^+ skip-empty-wal-archive-check warning\n {4}kustomize\.toolkit\.fluxcd\.io\/prune: disabled/);
  });
});
