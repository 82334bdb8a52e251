import { asRecord, getIn, isSubstituted, keyRange } from '../../model/resource';
import { insertKey, removeKey } from '../../edits/text-edits';
import { isReplicaCluster, walArchivingDisabled } from '../../cnpg/replica';
import {
  managedParameterHome,
  MANAGED_PARAMETERS_READ_FROM,
  OPERATOR_DEFAULT_VALUES,
  OPERATOR_MANAGED_PARAMETERS,
  operatorArchiveMode,
} from '../../data/operator-managed-parameters';
import type { Fix, Rule, RuleContext, TextEdit } from '../types';

const PARAMETERS = ['spec', 'postgresql', 'parameters'] as const;

/** The value the webhook's own computation gives the key; undefined when it never has one; null when it cannot be told here. */
function operatorValue(cluster: unknown, key: string): string | undefined | null {
  if (key === 'archive_mode') {
    const replica = isReplicaCluster(cluster);
    return replica === undefined ? null : operatorArchiveMode(walArchivingDisabled(cluster), replica);
  }
  return OPERATOR_DEFAULT_VALUES[key];
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

type Pos = { line: number; character: number };
const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** True when applying both edits at once would be ambiguous (the ranges overlap, or an insertion falls inside the other). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

function fixes(ctx: RuleContext, key: string, value: string | undefined): Fix[] {
  const { resource } = ctx;
  const result: Fix[] = [];
  const remove = removeKey(resource, [...PARAMETERS, key], { pruneEmptyParents: true });
  const libraries = key === 'shared_preload_libraries' && value !== undefined && !isSubstituted(value) ? value.split(',').map((l) => l.trim()).filter(Boolean) : [];
  if (libraries.length > 0 && getIn(resource.value, ['spec', 'postgresql', 'shared_preload_libraries']) === undefined) {
    const removeOnly = removeKey(resource, [...PARAMETERS, key]);
    const insert = insertKey(resource, ['spec', 'postgresql'], 'shared_preload_libraries', `[${libraries.map((l) => JSON.stringify(l)).join(', ')}]`);
    // Both edits land in spec.postgresql; when they touch the same lines the result would be a guess.
    if (removeOnly && insert && !overlaps(removeOnly, insert)) {
      result.push({
        title: 'Move to spec.postgresql.shared_preload_libraries',
        isPreferred: true,
        changes: () => [{ file: resource.file, edits: [removeOnly, insert] }],
      });
    }
  }
  if (remove) result.push({ title: `Remove ${key} from spec.postgresql.parameters`, isPreferred: result.length === 0, changes: () => [{ file: resource.file, edits: [remove] }] });
  return result;
}

export const operatorManagedParameter: Rule = {
  meta: {
    id: 'operator-managed-parameter',
    title: 'PostgreSQL parameter managed by the operator',
    defaultSeverity: 'error',
    why: `CloudNativePG computes some parameters itself ("fixed") or needs them at their default ("blocked"). The webhook (validateConfiguration) rejects a Cluster that sets one of them to anything but the value the operator computes, with "Can't set fixed configuration parameter"; an equal value is admitted but has no effect. List read from ${MANAGED_PARAMETERS_READ_FROM}. User-settable defaults such as ssl_min_protocol_version, wal_level or max_worker_processes are not managed.`,
    source: 'cnpg-facts.md §c rule 31 and "Corrections and additions" (managed PostgreSQL parameters); cloudnative-pg pkg/postgres/configuration.go',
    fix: 'Remove the parameter (quick fix) and use the Cluster field that owns the setting; shared_preload_libraries moves to spec.postgresql.shared_preload_libraries (quick fix).',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const params = asRecord(getIn(resource.value, [...PARAMETERS]));
    if (!params) return;
    for (const [key, raw] of Object.entries(params)) {
      if (isSubstituted(key) || !Object.prototype.hasOwnProperty.call(OPERATOR_MANAGED_PARAMETERS, key)) continue;
      const kind = OPERATOR_MANAGED_PARAMETERS[key];
      const value = scalarText(raw);
      const own = operatorValue(resource.value, key);
      const range = keyRange(resource, [...PARAMETERS, key]);
      const home = managedParameterHome(key);
      if (own === null || (own !== undefined && (value === undefined || isSubstituted(value)))) continue; // equality cannot be told here
      if (own !== undefined && value === own) {
        ctx.report({
          range,
          severity: 'info',
          message: `${key} is ${kind === 'fixed' ? 'set by the operator' : 'kept at its default by the operator'}, and "${value}" is exactly its value: the webhook admits it, but the entry changes nothing. Remove it; ${home}.`,
          fixes: fixes(ctx, key, value),
        });
        continue;
      }
      const expected = own !== undefined ? ` (only "${own}", the operator's own value, is admitted)` : '';
      ctx.report({
        range,
        message: `${key} is managed by the operator (${kind}): the admission webhook rejects this Cluster with "Can't set fixed configuration parameter"${expected}, so the change never applies. Remove it; ${home}.`,
        fixes: fixes(ctx, key, value),
      });
    }
  },
};
