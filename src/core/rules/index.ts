// Every rule the linter knows, by family. Each family keeps its own index so rules are added in one place.
import type { Rule } from './types';
import { backupArchitectureRules } from './backup';
import { backupRules } from './backups';
import { recoveryRules } from './recovery';
import { importRules } from './imports';
import { clusterShapeRules } from './shape';
import { hygieneRules } from './hygiene';
import { schemaRules } from './schema';

export const allRules: readonly Rule[] = [
  ...backupArchitectureRules,
  ...backupRules,
  ...recoveryRules,
  ...importRules,
  ...clusterShapeRules,
  ...hygieneRules,
  ...schemaRules,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
