import { strict as assert } from 'node:assert';
import {
  describeCadence,
  looksLikeFiveFieldCron,
  nextRun,
  nextRuns,
  parseGoDuration,
  parseSchedule,
  type CronSchedule,
} from '../../../src/core/cnpg/cron';

function spec(text: string): CronSchedule {
  const r = parseSchedule(text);
  if (!r.ok) assert.fail(`${text}: ${r.error}`);
  return r.spec;
}

function error(text: string): string {
  const r = parseSchedule(text);
  assert.equal(r.ok, false, `${text} should not parse`);
  return (r as { error: string }).error;
}

const FROM = new Date('2026-03-10T10:17:42.500Z'); // a Tuesday
const iso = (d: Date[]) => d.map((x) => x.toISOString().replace('.000Z', 'Z'));

describe('cron: parsing as robfig/cron v1.2.0 cron.Parse', () => {
  it('reads six fields seconds first', () => {
    const s = spec('5 4 3 2 1 *');
    assert.equal(s.kind, 'fields');
    if (s.kind !== 'fields') return;
    assert.deepEqual([...s.second.values], [5]);
    assert.deepEqual([...s.minute.values], [4]);
    assert.deepEqual([...s.hour.values], [3]);
    assert.deepEqual([...s.dom.values], [2]);
    assert.deepEqual([...s.month.values], [1]);
    assert.equal(s.dow.values.size, 7);
  });

  it('reads five fields as second minute hour day-of-month month, day of week "*"', () => {
    const s = spec('0 3 * * *');
    assert.ok(s.kind === 'fields' && s.fieldCount === 5);
    if (s.kind !== 'fields') return;
    assert.deepEqual([...s.second.values], [0]);
    assert.deepEqual([...s.minute.values], [3]);
    assert.equal(s.hour.values.size, 24);
    assert.ok(s.dow.star);
  });

  it('rejects other field counts with robfig\'s message', () => {
    assert.equal(error('0 3 * *'), 'Expected 5 to 6 fields, found 4: 0 3 * *');
    assert.equal(error('0 0 3 * * * 2026'), 'Expected 5 to 6 fields, found 7: 0 0 3 * * * 2026');
    assert.equal(error(''), 'Empty spec string');
    // Only a leading '@' makes a descriptor; a space before it leaves one field.
    assert.equal(error(' @daily'), 'Expected 5 to 6 fields, found 1:  @daily');
  });

  it('accepts ranges, steps, lists, names and ?', () => {
    const s = spec('*/20 10-20/5 1,13 ? jan-Mar MON-fri');
    if (s.kind !== 'fields') return assert.fail();
    assert.deepEqual([...s.second.values], [0, 20, 40]);
    assert.deepEqual([...s.minute.values], [10, 15, 20]);
    assert.deepEqual([...s.hour.values], [1, 13]);
    assert.ok(s.dom.star && s.dom.values.size === 31);
    assert.deepEqual([...s.month.values], [1, 2, 3]);
    assert.deepEqual([...s.dow.values], [1, 2, 3, 4, 5]);
  });

  it('reads "N/step" as N-max/step and drops empty list items', () => {
    const s = spec('50/4 1,,2 * * * *');
    if (s.kind !== 'fields') return assert.fail();
    assert.deepEqual([...s.second.values], [50, 54, 58]);
    assert.deepEqual([...s.minute.values], [1, 2]);
  });

  it('rejects what the webhook rejects, with the same words', () => {
    assert.equal(error('0 60 * * * *'), 'End of range (60) above maximum (59): 60');
    assert.equal(error('0 0 0 0 * *'), 'Beginning of range (0) below minimum (1): 0');
    assert.equal(error('0 0 5-3 * * *'), 'Beginning of range (5) beyond end of range (3): 5-3');
    assert.equal(error('*/0 * * * * *'), 'Step of range should be a positive number: */0');
    assert.equal(error('1-2-3 * * * * *'), 'Too many hyphens: 1-2-3');
    assert.equal(error('1/2/3 * * * * *'), 'Too many slashes: 1/2/3');
    assert.equal(error('0 3 * * MON'), 'Failed to parse int from MON: strconv.Atoi: parsing "MON": invalid syntax');
    assert.equal(error('0 0 0 * * 7'), 'End of range (7) above maximum (6): 7', 'day of week stops at 6 (no 7 for Sunday)');
    assert.equal(error('0 0 0 * * sunday'), 'Failed to parse int from sunday: strconv.Atoi: parsing "sunday": invalid syntax');
    assert.equal(error('@Daily'), 'Unrecognized descriptor: @Daily');
    assert.equal(error('@every'), 'Unrecognized descriptor: @every');
    assert.equal(error('@every 1d'), 'Failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"');
    assert.equal(error('@every 10'), 'Failed to parse duration @every 10: time: missing unit in duration "10"');
    // v1.2.0 has no time-zone prefix (TZ= / CRON_TZ= came with v3): it is just another field.
    assert.equal(error('TZ=Europe/Paris 0 0 3 * * *'), 'Expected 5 to 6 fields, found 7: TZ=Europe/Paris 0 0 3 * * *');
    assert.match(error('CRON_TZ=UTC 0 3 * * *'), /^Failed to parse int from CRON_TZ=UTC/);
  });

  it('knows the descriptors', () => {
    for (const d of ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']) spec(d);
    assert.equal(describeCadence(spec('@annually')), 'on 1 January at 00:00:00');
    assert.equal(describeCadence(spec('@monthly')), 'on day 1 of the month at 00:00:00');
    assert.equal(describeCadence(spec('@weekly')), 'on Sunday at 00:00:00');
    assert.equal(describeCadence(spec('@midnight')), 'every day at 00:00:00');
    assert.equal(describeCadence(spec('@hourly')), 'every hour at minute 0, second 0');
  });
});

describe('cron: Go durations for @every', () => {
  it('parses Go duration syntax', () => {
    assert.equal(parseGoDuration('1h30m'), 5_400_000_000_000n);
    assert.equal(parseGoDuration('1.5h'), 5_400_000_000_000n);
    assert.equal(parseGoDuration('.5s'), 500_000_000n);
    assert.equal(parseGoDuration('-2m'), -120_000_000_000n);
    assert.equal(parseGoDuration('0'), 0n);
    assert.equal(parseGoDuration('300ms'), 300_000_000n);
    assert.throws(() => parseGoDuration(''), /invalid duration/);
    assert.throws(() => parseGoDuration('.s'), /invalid duration/);
    assert.throws(() => parseGoDuration('3000000h'), /invalid duration/);
  });

  it('rounds @every down to whole seconds, at least one second', () => {
    const a = spec('@every 1m30.9s');
    assert.ok(a.kind === 'every' && a.delaySeconds === 90);
    const b = spec('@every 10ms');
    assert.ok(b.kind === 'every' && b.delaySeconds === 1);
    assert.equal(describeCadence(spec('@every 1h30m')), 'every 1 hour 30 minutes (counted from the previous run)');
    assert.deepEqual(iso(nextRuns(spec('@every 1h'), FROM, 2)), ['2026-03-10T11:17:42Z', '2026-03-10T12:17:42Z']);
  });
});

describe('cron: next runs (UTC)', () => {
  it('runs a five-field "0 3 * * *" every hour at minute 3', () => {
    assert.deepEqual(iso(nextRuns(spec('0 3 * * *'), FROM, 3)), ['2026-03-10T11:03:00Z', '2026-03-10T12:03:00Z', '2026-03-10T13:03:00Z']);
  });

  it('runs "0 0 * * *" hourly, as cnpg-facts.md §c rule 17 says', () => {
    assert.deepEqual(iso(nextRuns(spec('0 0 * * *'), FROM, 2)), ['2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z']);
  });

  it('runs the six-field "0 0 3 * * *" daily at 03:00', () => {
    assert.deepEqual(iso(nextRuns(spec('0 0 3 * * *'), FROM, 2)), ['2026-03-11T03:00:00Z', '2026-03-12T03:00:00Z']);
  });

  it('starts at the next whole second, never at `from` itself', () => {
    const at = new Date('2026-03-11T03:00:00.000Z');
    assert.deepEqual(iso(nextRuns(spec('0 0 3 * * *'), at, 1)), ['2026-03-12T03:00:00Z']);
  });

  it('ANDs day of month and day of week when either has a star, ORs them otherwise', () => {
    // "*/2" keeps the star bit: odd days that are Mondays.
    assert.deepEqual(iso(nextRuns(spec('0 0 0 */2 * 1'), FROM, 2)), ['2026-03-23T00:00:00Z', '2026-04-13T00:00:00Z']);
    // Neither has a star: the 1st of the month or any Monday.
    assert.deepEqual(iso(nextRuns(spec('0 0 0 1 * MON'), FROM, 4)), [
      '2026-03-16T00:00:00Z',
      '2026-03-23T00:00:00Z',
      '2026-03-30T00:00:00Z',
      '2026-04-01T00:00:00Z',
    ]);
  });

  it('crosses month and year ends', () => {
    assert.deepEqual(iso(nextRuns(spec('0 0 0 31 * *'), FROM, 2)), ['2026-03-31T00:00:00Z', '2026-05-31T00:00:00Z']);
    assert.deepEqual(iso(nextRuns(spec('@yearly'), FROM, 1)), ['2027-01-01T00:00:00Z']);
    assert.deepEqual(iso(nextRuns(spec('0 0 12 29 2 *'), FROM, 1)), ['2028-02-29T12:00:00Z']);
  });

  it('finds nothing for a date that never exists', () => {
    assert.equal(nextRun(spec('0 0 0 30 2 *'), FROM), undefined);
    assert.deepEqual(nextRuns(spec('0 0 0 30 2 *'), FROM, 3), []);
    assert.equal(describeCadence(spec('0 0 0 30 2 *')), 'never (no date matches it)');
  });
});

describe('cron: cadence in words', () => {
  const cases: [string, string][] = [
    ['0 0 3 * * *', 'every day at 03:00:00'],
    ['0 3 * * *', 'every hour at minute 3, second 0'],
    ['0 30 1 * * *', 'every day at 01:30:00'],
    ['*/5 * * * *', 'every 5 seconds'],
    ['* * * * *', 'every second'],
    ['30 * * * * *', 'every minute at second 30'],
    ['0 */15 * * * *', 'every 15 minutes at second 0'],
    ['0 0 */6 * * *', 'every day at 00:00:00, 06:00:00, 12:00:00 and 18:00:00'],
    ['0 0 */2 * * *', 'every 2 hours at minute 0, second 0'],
    ['0 0 1 * * MON-FRI', 'on Monday to Friday at 01:00:00'],
    ['0 0 0 1,15 * *', 'on day 1 and 15 of the month at 00:00:00'],
    ['0 0 12 * JAN,JUL *', 'every day in January and July at 12:00:00'],
    ['0 0 0 1 * MON', 'on day 1 of the month and on Monday at 00:00:00'],
    ['0 3 * * 1', 'every hour at minute 3, second 0, in January'],
  ];
  for (const [text, words] of cases) it(`"${text}" -> ${words}`, () => assert.equal(describeCadence(spec(text)), words));
});

describe('cron: the two readings of a five-field schedule', () => {
  it('says what CNPG runs and what standard cron would', () => {
    const r = looksLikeFiveFieldCron('0 3 * * *');
    assert.ok(r);
    assert.equal(r.actualCadence, 'every hour at minute 3, second 0');
    assert.equal(r.intendedSchedule, '0 0 3 * * *');
    assert.equal(r.intendedCadence, 'every day at 03:00:00');
  });

  it('reports a five-field schedule CNPG rejects, with its intended reading', () => {
    const r = looksLikeFiveFieldCron('30 2 * * MON');
    assert.ok(r);
    assert.equal(r.actual.ok, false);
    assert.equal(r.intendedSchedule, '0 30 2 * * MON');
    assert.equal(r.intendedCadence, 'on Monday at 02:30:00');
  });

  it('ignores six fields and descriptors', () => {
    assert.equal(looksLikeFiveFieldCron('0 0 3 * * *'), undefined);
    assert.equal(looksLikeFiveFieldCron('@daily'), undefined);
    assert.equal(looksLikeFiveFieldCron('0 3 * *'), undefined);
  });
});
