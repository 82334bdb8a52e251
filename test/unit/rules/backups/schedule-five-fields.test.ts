import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, text } from '../backup/fix-helpers';

const RULE = 'schedule-five-fields';
describeRuleFixtures(RULE);

describe(RULE, () => {
  const files = () => fixture(RULE, 'fire-runbook-daily.yaml');
  const sorted = () => findings(RULE, files()).sort((a, b) => a.range.start.line - b.range.start.line);

  it('states the real cadence and the intended one', () => {
    const [daily, fiveMinutes, midnight] = sorted();
    assert.match(daily.message, /runs every hour at minute 3, second 0, not every day at 03:00:00 as standard cron would/);
    assert.match(daily.message, /"0 0 3 \* \* \*"/);
    assert.match(fiveMinutes.message, /runs every 5 seconds, not every 5 minutes at second 0/);
    assert.match(midnight.message, /runs every hour at minute 0, second 0, not every day at 00:00:00/);
  });

  it('quick fix prepends "0 " and keeps the quoting', () => {
    let out = files();
    for (let i = 0; i < 3; i++) out = applyFix(out, findings(RULE, out)[0], /Prepend a seconds field/);
    const t = text(out, 'fire-runbook-daily.yaml');
    assert.match(t, /schedule: "0 0 3 \* \* \*"\n/);
    assert.match(t, /schedule: '0 \*\/5 \* \* \* \*'\n/);
    assert.match(t, /schedule: 0 0 0 \* \* \*\n/);
    assert.equal(findings(RULE, out).length, 0);
    assert.equal(findings('schedule-invalid', out).length, 0);
  });
});
