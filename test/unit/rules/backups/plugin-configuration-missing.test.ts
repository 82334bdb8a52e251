import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, text } from '../backup/fix-helpers';

const RULE = 'plugin-configuration-missing';
describeRuleFixtures(RULE);

describe(RULE, () => {
  const files = () => fixture(RULE, 'fire-no-plugin-name.yaml');

  it('tells a rejected Backup from an admitted ScheduledBackup', () => {
    const [scheduled, backup] = findings(RULE, files()).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.match(scheduled.message, /admits this ScheduledBackup, but rejects every Backup it creates/);
    assert.match(backup.message, /rejects this Backup/);
    assert.match(backup.message, /without pluginConfiguration\.name/);
  });

  it('fills in the plugin the cluster runs, and the other rules stay quiet', () => {
    let out = files();
    for (let i = 0; i < 2; i++) out = applyFix(out, findings(RULE, out)[0], /barman-cloud\.cloudnative-pg\.io/);
    assert.equal(findings(RULE, out).length, 0);
    assert.equal(findings('backup-method-mismatch', out).length, 0);
    assert.match(text(out, 'fire-no-plugin-name.yaml'), /pluginConfiguration:\n {4}parameters: \{\}\n {4}name: barman-cloud\.cloudnative-pg\.io/);
  });
});
