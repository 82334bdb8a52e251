// Human words for a parsed CNPG schedule ("every day at 03:00:00", "every hour at minute 3,
// second 0"), and the two readings of a five-field schedule: what CNPG runs (seconds first) and
// what the author most likely meant (standard cron, minute first).
import { BOUNDS, parseSchedule, splitFields } from './cron-parse';
import { nextRun } from './cron-next';
import type { CronField, CronFieldsSchedule, CronSchedule, FieldBounds, ParseResult } from './cron-parse';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const [SECOND, MINUTE, HOUR, DOM, MONTH, DOW] = BOUNDS;
/** A fixed start for "does it ever run?", so the answer does not depend on today's date. */
const NEVER_PROBE = new Date(Date.UTC(2024, 0, 1));

/** How often a schedule runs, in words. Times are UTC, as the operator computes them. */
export function describeCadence(spec: CronSchedule): string {
  if (spec.kind === 'every') return `every ${formatSeconds(spec.delaySeconds)} (counted from the previous run)`;
  if (nextRun(spec, NEVER_PROBE) === undefined) return 'never (no date matches it)';
  const time = timePhrase(spec);
  const when = datePhrase(spec);
  if (time.kind === 'at') return `${when === '' ? 'every day' : when} at ${time.text}`;
  return when === '' ? time.text : `${time.text}, ${when.replace(/^every day /, '')}`;
}

/** Which days: '' for every day of every month. */
function datePhrase(s: CronFieldsSchedule): string {
  const dom = sorted(s.dom);
  const month = sorted(s.month);
  // "on 1 January" reads better than "on day 1 of the month in January".
  if (dom.length === 1 && month.length === 1 && isFull(s.dow, DOW) && s.dow.star) return `on ${dom[0]} ${MONTH_NAMES[month[0] - 1]}`;
  const day = dayPhrase(s);
  const months = monthPhrase(s.month);
  if (months === '') return day;
  return day === '' ? `every day ${months}` : `${day} ${months}`;
}

function isFull(f: CronField, b: FieldBounds): boolean {
  return f.values.size === b.max - b.min + 1;
}

function sorted(f: CronField): number[] {
  return [...f.values].sort((a, b) => a - b);
}

/** The step when a field is min, min+step, ... covering the whole range evenly (e.g. every 5 seconds). */
function evenStep(f: CronField, b: FieldBounds): number | undefined {
  const v = sorted(f);
  const span = b.max - b.min + 1;
  if (v.length < 2 || v[0] !== b.min) return undefined;
  const step = v[1] - v[0];
  if (step < 2 || span % step !== 0 || v.length !== span / step) return undefined;
  return v.every((x, i) => x === b.min + i * step) ? step : undefined;
}

function timePhrase(s: CronFieldsSchedule): { kind: 'at' | 'repeat'; text: string } {
  const [S, M, H] = [sorted(s.second), sorted(s.minute), sorted(s.hour)];
  if (S.length * M.length * H.length <= 4) {
    const times = H.flatMap((h) => M.flatMap((m) => S.map((sec) => `${pad(h)}:${pad(m)}:${pad(sec)}`)));
    return { kind: 'at', text: joinAnd(times) };
  }
  const fullH = isFull(s.hour, HOUR);
  const fullM = isFull(s.minute, MINUTE);
  if (fullH && fullM && isFull(s.second, SECOND)) return { kind: 'repeat', text: 'every second' };
  const secStep = evenStep(s.second, SECOND);
  if (fullH && fullM && secStep) return { kind: 'repeat', text: `every ${secStep} seconds` };
  if (fullH && fullM && S.length === 1) return { kind: 'repeat', text: `every minute at second ${S[0]}` };
  const minStep = evenStep(s.minute, MINUTE);
  if (fullH && minStep && S.length === 1) return { kind: 'repeat', text: `every ${minStep} minutes at second ${S[0]}` };
  if (fullH && M.length === 1 && S.length === 1) return { kind: 'repeat', text: `every hour at minute ${M[0]}, second ${S[0]}` };
  const hourStep = evenStep(s.hour, HOUR);
  if (hourStep && M.length === 1 && S.length === 1) {
    return { kind: 'repeat', text: `every ${hourStep} hours at minute ${M[0]}, second ${S[0]}` };
  }
  const part = (f: CronField, b: FieldBounds, unit: string) => (isFull(f, b) ? `every ${unit}` : `${unit} ${listOf(sorted(f))}`);
  return { kind: 'repeat', text: `at ${part(s.second, SECOND, 'second')} of ${part(s.minute, MINUTE, 'minute')} of ${part(s.hour, HOUR, 'hour')}` };
}

/** Day of month and day of week: ANDed when either was written with a star, ORed otherwise. */
function dayPhrase(s: CronFieldsSchedule): string {
  const domFull = isFull(s.dom, DOM);
  const dowFull = isFull(s.dow, DOW);
  const dom = `on day ${listOf(sorted(s.dom))} of the month`;
  const dow = `on ${listOf(sorted(s.dow), (d) => DAY_NAMES[d], ' to ')}`;
  if (s.dom.star || s.dow.star) {
    if (domFull && dowFull) return '';
    if (domFull) return dow;
    if (dowFull) return dom;
    return `${dom} when it falls ${dow}`;
  }
  if (domFull || dowFull) return '';
  if (s.dom.values.size === 0) return dow;
  if (s.dow.values.size === 0) return dom;
  return `${dom} and ${dow}`;
}

function monthPhrase(f: CronField): string {
  return isFull(f, MONTH) ? '' : `in ${listOf(sorted(f), (m) => MONTH_NAMES[m - 1], ' to ')}`;
}

/** "1-3 and 5" style lists; runs of three or more become ranges, long even steps "1, 3, …, 31". */
function listOf(values: number[], name: (v: number) => string = String, rangeWord = '-'): string {
  const step = values.length >= 4 ? values[1] - values[0] : 0;
  if (step > 1 && values.every((v, i) => v === values[0] + i * step)) {
    return `${name(values[0])}, ${name(values[1])}, …, ${name(values[values.length - 1])}`;
  }
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    if (j - i >= 2) parts.push(`${name(values[i])}${rangeWord}${name(values[j])}`);
    else for (let k = i; k <= j; k++) parts.push(name(values[k]));
    i = j + 1;
  }
  return joinAnd(parts);
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const unit = (n: number, word: string) => (n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`);
  const parts = [unit(h, 'hour'), unit(m, 'minute'), unit(s, 'second')].filter((p) => p !== '');
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}

export interface FiveFieldReading {
  /** What CNPG does with the text: seconds first, day of week "*". */
  actual: ParseResult;
  actualCadence?: string;
  /** The six-field schedule that runs what standard (minute-first) cron would: a "0 " seconds field prepended. */
  intendedSchedule: string;
  intended: ParseResult;
  intendedCadence?: string;
}

/**
 * For a five-field schedule, both readings: CNPG's (`0 3 * * *` is second 0, minute 3, every hour,
 * so "every hour at minute 3, second 0") and standard cron's ("every day at 03:00:00").
 * Undefined when the text is not five fields (six fields and descriptors are read as written).
 */
export function looksLikeFiveFieldCron(text: string): FiveFieldReading | undefined {
  if (text.startsWith('@')) return undefined;
  const fields = splitFields(text);
  if (fields.length !== 5) return undefined;
  const actual = parseSchedule(text);
  const intendedSchedule = `0 ${fields.join(' ')}`;
  const intended = parseSchedule(intendedSchedule);
  return {
    actual,
    actualCadence: actual.ok ? describeCadence(actual.spec) : undefined,
    intendedSchedule,
    intended,
    intendedCadence: intended.ok ? describeCadence(intended.spec) : undefined,
  };
}
