// Fault injection for the fake API server: RBAC denials and canned failures, matched per request.
import type * as S from './status';

export interface DenyRule {
  verbs?: string[];
  /** e.g. "clusters", "clusters/status", "pods". */
  resources?: string[];
  groups?: string[];
  /** Denies in these namespaces and at the cluster scope (which needs every namespace). */
  namespaces?: string[];
  /** Denies only requests across all namespaces. */
  clusterScopeOnly?: boolean;
  users?: string[];
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  verb: string | undefined;
  group: string | undefined;
  resource: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  user: string;
  status?: number;
  /** Response body bytes sent (for watches: all events so far). */
  bytes: number;
}

export interface FailRule {
  match: (r: RequestRecord) => boolean;
  status: S.Status;
  times: number;
}

/** Whether an RBAC deny rule covers a request (the real RBAC only allows; tests think in denials). */
export function denies(r: DenyRule, record: RequestRecord): boolean {
  return (
    (!r.verbs || r.verbs.includes(record.verb!)) &&
    (!r.resources || r.resources.includes(record.resource!)) &&
    (!r.groups || r.groups.includes(record.group!)) &&
    (!r.users || r.users.includes(record.user)) &&
    (r.clusterScopeOnly ? record.namespace === undefined : !r.namespaces || record.namespace === undefined || r.namespaces.includes(record.namespace))
  );
}
