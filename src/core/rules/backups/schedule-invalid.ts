import { valueRange } from '../../model/resource';
import { looksLikeFiveFieldCron, parseSchedule, splitFields } from '../../cnpg/cron';
import type { Fix, Rule } from '../types';
import { prependSecondsFix, scheduleOf, SCHEDULE_PATH, SIX_FIELDS } from './schedule';

export const scheduleInvalid: Rule = {
  meta: {
    id: 'schedule-invalid',
    title: 'Schedule CNPG cannot parse',
    defaultSeverity: 'error',
    why: 'The ScheduledBackup webhook parses spec.schedule with robfig/cron v1.2.0 (six fields, seconds first; five accepted; descriptors such as @daily or @every 1h) and rejects the object when that fails, so no backup is ever scheduled. Day-of-week and month names must be three letters (MON, JAN), day of week runs 0-6, and descriptors are lower case.',
    source: 'cnpg-facts.md §c rule 17 (robfig/cron v1.2.0 parser.go); internal/webhook/v1/scheduledbackup_webhook.go (cron.Parse)',
    fix: 'Write six fields (second minute hour day-of-month month day-of-week) or a descriptor. When a standard five-field cron was meant, the quick fix prepends a seconds field.',
  },
  kinds: ['ScheduledBackup'],
  check(ctx) {
    const { resource } = ctx;
    const schedule = scheduleOf(resource);
    if (schedule === undefined) return;
    const parsed = parseSchedule(schedule);
    if (parsed.ok) return;
    let hint = '';
    let fixes: Fix[] = [];
    const five = looksLikeFiveFieldCron(schedule);
    if (five?.intended.ok) {
      hint = ` It reads like a standard five-field cron, but CNPG reads six fields seconds first: "${five.intendedSchedule}" runs ${five.intendedCadence} (UTC).`;
      fixes = prependSecondsFix(resource, schedule, five.intendedCadence);
    } else if (/^(CRON_)?TZ=/.test(schedule)) {
      hint = ' robfig/cron v1.2.0 has no time-zone prefix (TZ= and CRON_TZ= came in v3): schedules run in the operator\'s time zone, normally UTC.';
    } else if (schedule.startsWith('@')) {
      hint = ' Descriptors are @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly and @every <duration> (e.g. @every 12h), in lower case.';
    } else if (/(^|[\s,/-])7($|[\s,/-])/.test(splitFields(schedule)[5] ?? '')) {
      hint = ' Day of week runs 0-6 (0 is Sunday).';
    } else {
      hint = ` CNPG expects ${SIX_FIELDS}.`;
    }
    ctx.report({
      range: valueRange(resource, SCHEDULE_PATH),
      message: `CNPG cannot parse schedule "${schedule}": ${parsed.error}. The webhook rejects this ScheduledBackup, so no backup is scheduled.${hint}`,
      fixes,
    });
  },
};
