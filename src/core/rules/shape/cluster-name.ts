import { asString, getIn, isSubstituted, valueRange } from '../../model/resource';
import type { Rule } from '../types';

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH = 50;

function labelProblem(name: string): string | undefined {
  if (DNS_1035_LABEL.test(name)) return undefined;
  if (/[A-Z]/.test(name)) return 'it has uppercase letters';
  if (/\./.test(name)) return 'it has dots';
  if (/^[0-9]/.test(name)) return 'it starts with a digit';
  if (/^-|-$/.test(name)) return 'it starts or ends with "-"';
  return 'it has characters other than a-z, 0-9 and "-"';
}

export const clusterName: Rule = {
  meta: {
    id: 'cluster-name',
    title: 'Cluster name is not a DNS-1035 label of at most 50 characters',
    defaultSeverity: 'error',
    why: 'The operator names Services (<name>-rw, -ro, -r), Secrets, PVCs and Pods after the Cluster, so the webhook (validateName) rejects a name that is not a DNS-1035 label ("cluster name must be a valid DNS label") or is longer than 50 characters, leaving room for the suffixes.',
    source: 'cnpg-facts.md §c rule 32 (internal/webhook/v1/cluster_webhook.go validateName)',
    fix: 'Use lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, at most 50 characters. Update every reference to the name (ScheduledBackups, Poolers, Databases, externalClusters of other clusters).',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const name = asString(getIn(resource.value, ['metadata', 'name']));
    if (!name || isSubstituted(name)) return;
    const problems: string[] = [];
    const label = labelProblem(name);
    if (label) problems.push(`it is not a DNS-1035 label (${label})`);
    if (name.length > MAX_LENGTH) problems.push(`it is ${name.length} characters long, over the ${MAX_LENGTH} CNPG allows`);
    if (problems.length === 0) return;
    ctx.report({
      range: valueRange(resource, ['metadata', 'name']),
      message: `The admission webhook rejects the Cluster name "${name}": ${problems.join(', and ')}. Services, Secrets and Pods are named after it. Use lowercase letters, digits and "-", starting with a letter, at most ${MAX_LENGTH} characters.`,
    });
  },
};
