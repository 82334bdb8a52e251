// Backup architecture rules (issue 3, rules 1-13).
import type { Rule } from '../types';
import { inTreeBarmanDeprecated } from './in-tree-barman-deprecated';

export const backupArchitectureRules: Rule[] = [inTreeBarmanDeprecated];
