// Names for Clusters a transform creates: a DNS-1035 label of at most 50 characters, which the
// Cluster webhook requires (cnpg-facts.md §c rule 32), built from a base name and a suffix.
import { TransformInputError } from './types';

export const CLUSTER_NAME_MAX = 50;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isClusterName(name: string): boolean {
  return name.length <= CLUSTER_NAME_MAX && DNS_1035.test(name);
}

/**
 * `<base><suffix>`, with the base shortened (and any trailing "-" dropped) so the whole fits in 50
 * characters. Undefined when no valid name comes out (e.g. a base starting with a digit).
 */
export function nameWithSuffix(base: string, suffix: string): string | undefined {
  const room = CLUSTER_NAME_MAX - suffix.length;
  const cut = base.toLowerCase().slice(0, Math.max(0, room)).replace(/-+$/, '');
  const name = `${cut}${suffix}`;
  return cut !== '' && isClusterName(name) ? name : undefined;
}

/** Checks a name the user chose for a new Cluster. */
export function checkClusterName(name: string, option: string): string {
  if (!isClusterName(name)) {
    throw new TransformInputError(`${option} "${name}" is not a valid Cluster name: use at most ${CLUSTER_NAME_MAX} lowercase letters, digits and "-", starting with a letter (cnpg-facts.md §c rule 32).`);
  }
  return name;
}
