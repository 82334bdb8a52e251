// ScheduledBackup schedules as CloudNativePG reads them (robfig/cron v1.2.0, six fields, seconds
// first; five fields accepted with day of week "*"). The parser and next-run search live in
// cron-parse.ts, the next-run search in cron-next.ts, the words in cron-describe.ts; this module is the one to import.
export {
  BOUNDS,
  parseGoDuration,
  parseSchedule,
  splitFields,
  type CronEverySchedule,
  type CronField,
  type CronFieldsSchedule,
  type CronSchedule,
  type FieldBounds,
  type ParseResult,
} from './cron-parse';
export { nextRun, nextRuns } from './cron-next';
export { describeCadence, formatSeconds, looksLikeFiveFieldCron, type FiveFieldReading } from './cron-describe';
