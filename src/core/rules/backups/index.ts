// Rules of the "backups" family: Backup and ScheduledBackup against their Cluster, and schedules.
import type { Rule } from '../types';
import { backupMethodMismatch } from './backup-method-mismatch';
import { backupMethodImplicit } from './backup-method-implicit';
import { pluginConfigurationMissing } from './plugin-configuration-missing';
import { scheduleFiveFields } from './schedule-five-fields';
import { scheduleInvalid } from './schedule-invalid';

export const backupRules: Rule[] = [backupMethodMismatch, backupMethodImplicit, pluginConfigurationMissing, scheduleFiveFields, scheduleInvalid];
