// Rules of the "backups" family; add each rule file's export to the list.
import type { Rule } from '../types';

export const backupRules: Rule[] = [];
