// The schedule of a ScheduledBackup, as the schedule rules read it.
import { getIn, isSubstituted, type Resource } from '../../model/resource';
import { replaceValue } from '../../edits/text-edits';
import type { Fix } from '../types';
import { fixOf } from '../backup/barman';

export const SCHEDULE_PATH = ['spec', 'schedule'];

/** The schedule text, or undefined when absent, not a string, or a `${...}` substitution. */
export function scheduleOf(resource: Resource): string | undefined {
  const raw = getIn(resource.value, SCHEDULE_PATH);
  return typeof raw === 'string' && !isSubstituted(raw) ? raw : undefined;
}

/** Quick fix: write the six-field schedule that runs what the five-field one meant. */
export function prependSecondsFix(resource: Resource, schedule: string, cadence: string | undefined): Fix[] {
  const text = `0 ${schedule.replace(/^\s+/, '')}`;
  return fixOf(`Prepend a seconds field: "${text}"${cadence ? ` (${cadence})` : ''}`, [{ file: resource.file, edit: replaceValue(resource, SCHEDULE_PATH, text) }], true);
}

export const SIX_FIELDS = 'second minute hour day-of-month month day-of-week';
