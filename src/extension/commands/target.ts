// Turns what a command receives (a tree row, a CodeLens argument) into the object it acts on.
import type { RowModel } from '../../core/status/tree-types';

export interface ClusterTarget {
  context: string;
  namespace: string;
  name: string;
  apiVersion: string;
  kind: string;
}

/** Accepts a row (its `target`), or `{context, namespace, name, kind?, apiVersion?}`. */
export function targetOf(arg: unknown, activeContext: string | undefined): ClusterTarget | undefined {
  const raw = (arg && typeof arg === 'object' && 'target' in arg ? (arg as RowModel).target : arg) as Partial<ClusterTarget> | undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  const context = raw.context ?? activeContext;
  if (!context || !raw.namespace || !raw.name) return undefined;
  return { context, namespace: raw.namespace, name: raw.name, apiVersion: raw.apiVersion ?? 'postgresql.cnpg.io/v1', kind: raw.kind ?? 'Cluster' };
}
