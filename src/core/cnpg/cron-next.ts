// Next runs of a parsed schedule, the way robfig/cron v1.2.0 searches them (spec.go Next,
// constantdelay.go Next), in UTC: from the next whole second, month, then day (day of month and
// day of week ANDed when either has a star, ORed otherwise), hour, minute, second; at most five
// years ahead, else there is no next run.
import type { CronFieldsSchedule, CronSchedule } from './cron-parse';

function dayMatches(s: CronFieldsSchedule, d: Date): boolean {
  const domMatch = s.dom.values.has(d.getUTCDate());
  const dowMatch = s.dow.values.has(d.getUTCDay());
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** The first run strictly after `from` (to the next whole second), or undefined when none in five years. */
export function nextRun(spec: CronSchedule, from: Date): Date | undefined {
  const startMs = Math.floor(from.getTime() / 1000) * 1000;
  if (spec.kind === 'every') return new Date(startMs + spec.delaySeconds * 1000);
  let t = new Date(startMs + 1000);
  let added = false;
  const yearLimit = t.getUTCFullYear() + 5;
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!spec.month.values.has(t.getUTCMonth() + 1)) {
      if (!added) {
        added = true;
        t = utc(t.getUTCFullYear(), t.getUTCMonth(), 1);
      }
      t = utc(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(spec, t)) {
      if (!added) {
        added = true;
        t = utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
      }
      t = utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!spec.hour.values.has(t.getUTCHours())) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000);
      }
      t = new Date(t.getTime() + 3_600_000);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!spec.minute.values.has(t.getUTCMinutes())) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / 60_000) * 60_000);
      }
      t = new Date(t.getTime() + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    while (!spec.second.values.has(t.getUTCSeconds())) {
      added = true;
      t = new Date(t.getTime() + 1000);
      if (t.getUTCSeconds() === 0) continue wrap;
    }
    return t;
  }
}

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day));
}

/** Up to `count` runs after `from`, each computed from the previous one, as the scheduler does. */
export function nextRuns(spec: CronSchedule, from: Date, count: number): Date[] {
  const out: Date[] = [];
  let t = from;
  for (let i = 0; i < count; i++) {
    const n = nextRun(spec, t);
    if (!n) break;
    out.push(n);
    t = n;
  }
  return out;
}
