// Every rule the linter knows, by family. Each family keeps its own index so rules are added in one place.
import type { Rule } from './types';
import { backupArchitectureRules } from './backup';

export const allRules: readonly Rule[] = [...backupArchitectureRules];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
