import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture, text } from '../backup/fix-helpers';

const RULE = 'schedule-invalid';
describeRuleFixtures(RULE);

describe(RULE, () => {
  const files = () => fixture(RULE, 'fire-unparseable.yaml');
  const byName = (needle: string) => findings(RULE, files()).find((f) => f.message.includes(needle))!;

  it('gives the parser\'s reason and a hint', () => {
    assert.match(byName('30 2 * * MON').message, /Failed to parse int from MON/);
    assert.match(byName('30 2 * * MON').message, /"0 30 2 \* \* MON" runs on Monday at 02:30:00/);
    assert.match(byName('@Daily').message, /Unrecognized descriptor: @Daily.*in lower case/);
    assert.match(byName('0 0 4 * * 7').message, /End of range \(7\) above maximum \(6\).*0 is Sunday/);
    assert.match(byName('0 3 * *').message, /Expected 5 to 6 fields, found 4/);
    assert.match(byName('@every 1d').message, /unknown unit "d"/);
    assert.match(byName('CRON_TZ=').message, /no time-zone prefix/);
  });

  it('offers the six-field schedule for a five-field cron with names', () => {
    const f = byName('30 2 * * MON');
    const out = applyFix(files(), f, /Prepend a seconds field: "0 30 2 \* \* MON"/);
    assert.match(text(out, 'fire-unparseable.yaml'), /schedule: "0 30 2 \* \* MON"/);
    assert.equal(findings(RULE, out).length, 5);
    assert.deepEqual(byName('@Daily').fixes ?? [], []);
  });
});
