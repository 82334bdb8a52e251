// Parser and next-run search for ScheduledBackup.spec.schedule as CloudNativePG reads it: robfig/cron v1.2.0 `cron.Parse`, whose
// default parser is Second | Minute | Hour | Dom | Month | DowOptional | Descriptor. So a schedule
// has SIX fields, seconds first, and five fields are accepted too: they fill second, minute, hour,
// day of month and month, with day of week left at "*" (cnpg-facts.md §c rule 17). The webhook
// rejects what this parser rejects and only warns about a field count other than six.
//
// Semantics kept from robfig/cron v1.2.0 (parser.go, spec.go, constantdelay.go):
// - descriptors are recognised only when the text starts with '@' and match exactly (case matters);
// - `*` and `?` mean the whole range and set the "star" flag of the field; `N/step` means `N-max/step`;
// - day of month and day of week are ANDed when either field was written with a star, ORed otherwise;
// - `@every <duration>` uses Go's time.ParseDuration, rounds down to whole seconds, minimum 1s;
// - the next run is searched for at most five years ahead; otherwise there is none.
// Next runs (cron-next.ts) are computed in UTC, as the operator pod does unless TZ is set in its env.

export interface FieldBounds {
  name: 'second' | 'minute' | 'hour' | 'day of month' | 'month' | 'day of week';
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export const BOUNDS: readonly FieldBounds[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) },
  { name: 'day of week', min: 0, max: 6, names: Object.fromEntries(DOW_NAMES.map((n, i) => [n, i])) },
];

/** A field's matching values, and whether it was written with `*` or `?` (robfig's star bit). */
export interface CronField {
  values: ReadonlySet<number>;
  star: boolean;
}

export interface CronFieldsSchedule {
  kind: 'fields';
  text: string;
  /** 5 or 6 for written fields, 0 for a descriptor such as @daily. */
  fieldCount: number;
  descriptor?: string;
  second: CronField;
  minute: CronField;
  hour: CronField;
  dom: CronField;
  month: CronField;
  dow: CronField;
}

export interface CronEverySchedule {
  kind: 'every';
  text: string;
  descriptor: '@every';
  /** Delay between runs in whole seconds (at least 1). */
  delaySeconds: number;
}

export type CronSchedule = CronFieldsSchedule | CronEverySchedule;

export type ParseResult = { ok: true; spec: CronSchedule } | { ok: false; error: string };

class CronError extends Error {}

/** Parses a schedule exactly as CNPG's `cron.Parse` does; `error` mirrors robfig's message. */
export function parseSchedule(text: string): ParseResult {
  try {
    return { ok: true, spec: parseOrThrow(text) };
  } catch (err) {
    if (err instanceof CronError) return { ok: false, error: err.message };
    throw err;
  }
}

function parseOrThrow(text: string): CronSchedule {
  if (text.length === 0) throw new CronError('Empty spec string');
  if (text[0] === '@') return parseDescriptor(text);
  const fields = splitFields(text);
  if (fields.length < 5 || fields.length > 6) {
    throw new CronError(`Expected 5 to 6 fields, found ${fields.length}: ${text}`);
  }
  const expanded = fields.length === 5 ? [...fields, '*'] : fields;
  const [second, minute, hour, dom, month, dow] = expanded.map((f, i) => parseField(f, BOUNDS[i]));
  return { kind: 'fields', text, fieldCount: fields.length, second, minute, hour, dom, month, dow };
}

/** Go's strings.Fields: split on runs of white space, no empty strings. */
export function splitFields(text: string): string[] {
  return text.split(/\s+/).filter((f) => f.length > 0);
}

function parseField(field: string, bounds: FieldBounds): CronField {
  const values = new Set<number>();
  let star = false;
  // strings.FieldsFunc on ',' drops empty pieces, so "1,,2" is "1,2" and "," matches nothing.
  for (const expr of field.split(',').filter((e) => e.length > 0)) {
    const r = parseRange(expr, bounds);
    for (const v of r.values) values.add(v);
    star = star || r.star;
  }
  return { values, star };
}

function parseRange(expr: string, bounds: FieldBounds): CronField {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleValue = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig ignores anything after a star's hyphen ("*-5" is "*").
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], bounds.names);
    else throw new CronError(`Too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = parseNonNegativeInt(rangeAndStep[1]);
    if (singleValue) end = bounds.max;
  } else throw new CronError(`Too many slashes: ${expr}`);

  if (start < bounds.min) throw new CronError(`Beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronError(`End of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronError(`Beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`Step of range should be a positive number: ${expr}`);
  const values = new Set<number>();
  for (let i = start; i <= end; i += step) values.add(i);
  return { values, star };
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  const key = expr.toLowerCase();
  return names && Object.hasOwn(names, key) ? names[key] : parseNonNegativeInt(expr);
}

const INT64_MAX = 9223372036854775807n;

/** strconv.Atoi, then robfig's "Negative number" check. */
function parseNonNegativeInt(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) {
    throw new CronError(`Failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuote(expr)}: invalid syntax`);
  }
  const n = BigInt(expr);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) {
    throw new CronError(`Failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuote(expr)}: value out of range`);
  }
  if (n < 0n) throw new CronError(`Negative number (${n}) not allowed: ${expr}`);
  return Number(n);
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

const ALL = (b: FieldBounds): CronField => ({ values: rangeSet(b.min, b.max), star: true });
const ONE = (v: number): CronField => ({ values: new Set([v]), star: false });

function rangeSet(min: number, max: number): Set<number> {
  const s = new Set<number>();
  for (let i = min; i <= max; i++) s.add(i);
  return s;
}

function parseDescriptor(text: string): CronSchedule {
  const [S, M, H, D, MO, W] = BOUNDS;
  const base = { kind: 'fields' as const, text, fieldCount: 0, descriptor: text, second: ONE(S.min), minute: ONE(M.min) };
  switch (text) {
    case '@yearly':
    case '@annually':
      return { ...base, hour: ONE(H.min), dom: ONE(D.min), month: ONE(MO.min), dow: ALL(W) };
    case '@monthly':
      return { ...base, hour: ONE(H.min), dom: ONE(D.min), month: ALL(MO), dow: ALL(W) };
    case '@weekly':
      return { ...base, hour: ONE(H.min), dom: ALL(D), month: ALL(MO), dow: ONE(W.min) };
    case '@daily':
    case '@midnight':
      return { ...base, hour: ONE(H.min), dom: ALL(D), month: ALL(MO), dow: ALL(W) };
    case '@hourly':
      return { ...base, hour: ALL(H), dom: ALL(D), month: ALL(MO), dow: ALL(W) };
  }
  const every = '@every ';
  if (text.startsWith(every)) {
    let nanos: bigint;
    try {
      nanos = parseGoDuration(text.slice(every.length));
    } catch (err) {
      throw new CronError(`Failed to parse duration ${text}: ${(err as Error).message}`);
    }
    // Every(): below one second becomes one second; otherwise truncated to whole seconds.
    const seconds = nanos < 1_000_000_000n ? 1 : Number(nanos / 1_000_000_000n);
    return { kind: 'every', text, descriptor: '@every', delaySeconds: seconds };
  }
  throw new CronError(`Unrecognized descriptor: ${text}`);
}

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or "0"; returns nanoseconds. */
export function parseGoDuration(input: string): bigint {
  const invalid = () => new Error(`time: invalid duration ${goQuote(input)}`);
  let s = input;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const whole = m[1];
    const frac = m[2];
    if (whole === '' && (frac === undefined || frac === '')) throw invalid();
    s = s.slice(m[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)!;
    const unit = unitMatch[0];
    if (unit === '') throw new Error(`time: missing unit in duration ${goQuote(input)}`);
    const scale = UNIT_NANOS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(input)}`);
    s = s.slice(unit.length);
    let v = BigInt(whole === '' ? '0' : whole) * scale;
    if (frac) v += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
    total += v;
    if (total > INT64_MAX) throw invalid();
  }
  return negative ? -total : total;
}
