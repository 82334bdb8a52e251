// Times as the explorer shows them, always relative to an injected `now` (tests never read the clock).

/** Milliseconds since epoch of an RFC 3339 string, or undefined. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A short span: "45s", "12m", "3h", "2d", "5w". */
export function shortSpan(ms: number): string {
  const a = Math.abs(ms);
  if (a < MINUTE) return `${Math.max(0, Math.floor(a / 1000))}s`;
  if (a < HOUR) return `${Math.floor(a / MINUTE)}m`;
  if (a < DAY) return `${Math.floor(a / HOUR)}h`;
  if (a < 14 * DAY) return `${Math.floor(a / DAY)}d`;
  return `${Math.floor(a / (7 * DAY))}w`;
}

/** "3h ago", "in 20m", "just now". */
export function relative(time: number, now: number): string {
  const diff = now - time;
  if (Math.abs(diff) < 30_000) return 'just now';
  return diff > 0 ? `${shortSpan(diff)} ago` : `in ${shortSpan(diff)}`;
}

/** A duration between two instants: "4m 12s", "1h 3m", "2d 4h". */
export function duration(ms: number): string {
  const a = Math.max(0, ms);
  if (a < MINUTE) return `${Math.round(a / 1000)}s`;
  if (a < HOUR) return `${Math.floor(a / MINUTE)}m ${Math.floor((a % MINUTE) / 1000)}s`;
  if (a < DAY) return `${Math.floor(a / HOUR)}h ${Math.floor((a % HOUR) / MINUTE)}m`;
  return `${Math.floor(a / DAY)}d ${Math.floor((a % DAY) / HOUR)}h`;
}

/** An absolute UTC time for tooltips: "2026-07-01 03:00 UTC". */
export function utc(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
