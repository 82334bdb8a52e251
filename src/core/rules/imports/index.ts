// Rules of the "imports" family; add each rule file's export to the list.
import type { Rule } from '../types';
import { importDumpOptions } from './import-dump-options';
import { importRestoreOptions } from './import-restore-options';
import { importShape } from './import-shape';
import { pgBasebackupVersionMismatch } from './pg-basebackup-version-mismatch';

export const importRules: Rule[] = [importDumpOptions, importRestoreOptions, importShape, pgBasebackupVersionMismatch];
