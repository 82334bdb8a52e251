// Zalando postgresql.parameters -> CloudNativePG postgresql.parameters, without the settings the
// operator manages itself (cnpg-facts.md §c rule 31; src/core/data/operator-managed-parameters.ts).
import { managedParameterHome, OPERATOR_MANAGED_PARAMETERS } from '../../data/operator-managed-parameters';

export interface ParameterSplit {
  kept: Record<string, string>;
  dropped: { name: string; value: string; why: string }[];
}

export function splitParameters(parameters: Record<string, unknown>): ParameterSplit {
  const kept: Record<string, string> = {};
  const dropped: ParameterSplit['dropped'] = [];
  for (const [name, raw] of Object.entries(parameters)) {
    // CNPG reads every parameter as a string (the CRD says so); Zalando's are strings too.
    const value = typeof raw === 'string' ? raw : String(raw);
    if (OPERATOR_MANAGED_PARAMETERS[name.toLowerCase()] !== undefined) dropped.push({ name, value, why: managedParameterHome(name.toLowerCase()) });
    else kept[name] = value;
  }
  return { kept, dropped };
}

/** The comment lines listing dropped parameters, for the manifest. */
export function droppedComment(dropped: ParameterSplit['dropped']): string[] {
  if (dropped.length === 0) return [];
  return [
    'Dropped from the Zalando parameters: CloudNativePG manages these itself and rejects',
    'a different value (cnpg-facts.md §c rule 31).',
    ...dropped.map((d) => `  ${d.name}: ${JSON.stringify(d.value)} - ${d.why}.`),
  ];
}
