// How the explorer reads a ScheduledBackup schedule, through src/core/cnpg/cron.ts: CNPG parses
// schedules with robfig/cron v1.2.0, seconds first, so five fields are second minute hour
// day-of-month month and `0 3 * * *` runs every hour at minute 3 (cnpg-facts.md §c rule 17).
import { describeCadence, looksLikeFiveFieldCron, nextRun, parseSchedule, splitFields } from '../cnpg/cron';

export interface ScheduleReading {
  fields: number;
  /** Five fields: the operator reads them seconds first, which is rarely what the author meant. */
  fiveField: boolean;
  /** What it really does, e.g. "every hour at minute 3, second 0" (UTC). */
  cadence: string | undefined;
  /** Next run computed from the schedule (cron fields only; `@every` counts from the previous run). */
  nextRun: number | undefined;
  /** A sentence about the five-field trap, or why the schedule cannot be read. */
  warning: string | undefined;
}

export function describeSchedule(schedule: string | undefined, now: number): ScheduleReading {
  if (schedule === undefined) return { fields: 0, fiveField: false, cadence: undefined, nextRun: undefined, warning: undefined };
  const fields = schedule.startsWith('@') ? 1 : splitFields(schedule).length;
  const parsed = parseSchedule(schedule);
  if (!parsed.ok) return { fields, fiveField: false, cadence: undefined, nextRun: undefined, warning: `The operator cannot parse this schedule: ${parsed.error}.` };
  const cadence = describeCadence(parsed.spec);
  const next = parsed.spec.kind === 'fields' ? nextRun(parsed.spec, new Date(now))?.getTime() : undefined;
  const five = looksLikeFiveFieldCron(schedule);
  let warning: string | undefined;
  if (five) {
    const meant = five.intendedCadence ? ` Standard cron would mean ${five.intendedCadence}:` : ' For the standard cron meaning';
    warning = `Five fields: CNPG reads them seconds first, so "${schedule.trim()}" runs ${cadence}.${meant} write six fields, "${five.intendedSchedule}".`;
  }
  return { fields, fiveField: five !== undefined, cadence, nextRun: next, warning };
}
