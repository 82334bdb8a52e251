import { valueRange } from '../../model/resource';
import { looksLikeFiveFieldCron } from '../../cnpg/cron';
import type { Rule } from '../types';
import { prependSecondsFix, scheduleOf, SCHEDULE_PATH, SIX_FIELDS } from './schedule';

export const scheduleFiveFields: Rule = {
  meta: {
    id: 'schedule-five-fields',
    title: 'Five-field schedule read seconds first',
    defaultSeverity: 'warning',
    why: 'CNPG parses ScheduledBackup schedules with robfig/cron v1.2.0, whose fields are second minute hour day-of-month month [day-of-week]. A standard five-field cron is accepted (the webhook only warns "usually six arguments are needed") but shifted by one field: "0 3 * * *" runs every hour at minute 3, not daily at 03:00, and "*/5 * * * *" every 5 seconds.',
    source: 'cnpg-facts.md §c rule 17 (robfig/cron v1.2.0 parser.go: Second | Minute | Hour | Dom | Month | DowOptional); seeds README (five-field schedules)',
    fix: 'Prepend a seconds field (quick fix: "0 3 * * *" becomes "0 0 3 * * *").',
  },
  kinds: ['ScheduledBackup'],
  check(ctx) {
    const { resource } = ctx;
    const schedule = scheduleOf(resource);
    if (schedule === undefined) return;
    const reading = looksLikeFiveFieldCron(schedule);
    // A five-field text CNPG rejects is schedule-invalid's finding.
    if (!reading || !reading.actual.ok) return;
    const meant = reading.intendedCadence ? `, not ${reading.intendedCadence} as standard cron would` : '';
    const fix = reading.intendedCadence
      ? ` Prepend a seconds field: "${reading.intendedSchedule}" runs ${reading.intendedCadence} (UTC).`
      : ` Write six fields: ${SIX_FIELDS}.`;
    ctx.report({
      range: valueRange(resource, SCHEDULE_PATH),
      message: `Schedule "${schedule}" has five fields, and CNPG reads schedules seconds first (${SIX_FIELDS}): it runs ${reading.actualCadence}${meant}.${fix}`,
      fixes: reading.intendedCadence ? prependSecondsFix(resource, schedule, reading.intendedCadence) : [],
    });
  },
};
