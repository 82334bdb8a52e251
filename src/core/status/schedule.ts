// How the explorer reads a ScheduledBackup schedule. CNPG parses schedules with robfig/cron v1.2.0,
// seconds first: five fields are second minute hour day-of-month month, so `0 3 * * *` runs every
// hour at minute 3, not daily (cnpg-facts.md §c rule 17).
// TODO(cron): use src/core/cnpg/cron.ts (parseSchedule, describeCadence, nextRuns) once it lands.

export interface ScheduleReading {
  fields: number;
  /** Five fields: the operator reads them seconds first, which is rarely what the author meant. */
  fiveField: boolean;
  /** What it really does, e.g. "every hour at minute 3", when known. */
  cadence: string | undefined;
  /** Next run computed from the schedule, when known. */
  nextRun: number | undefined;
  /** A sentence about the five-field trap, or an unreadable schedule. */
  warning: string | undefined;
}

export function describeSchedule(schedule: string | undefined, _now: number): ScheduleReading {
  const fields = schedule ? schedule.trim().split(/\s+/).filter(Boolean) : [];
  const fiveField = fields.length === 5;
  const warning = fiveField
    ? `Five fields: CNPG reads them seconds first (second=${fields[0]} minute=${fields[1]} hour=${fields[2]} day=${fields[3]} month=${fields[4]}), not as standard cron. For the standard meaning write six fields: "0 ${fields.join(' ')}".`
    : fields.length === 0 && schedule !== undefined
      ? 'Empty schedule.'
      : undefined;
  return { fields: fields.length, fiveField, cadence: undefined, nextRun: undefined, warning };
}
