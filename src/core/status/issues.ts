// Issue codes and severities the status functions report, and how they rank.

export type Severity = 'ok' | 'info' | 'warning' | 'error';

export type IssueCode =
  | 'in-tree-deprecated'
  | 'in-tree-removed'
  | 'in-tree-external'
  | 'mixed'
  | 'double-archiving'
  | 'archiver-conflict'
  | 'plugin-wrong-name'
  | 'plugin-no-object-name'
  | 'plugin-objectstore-missing'
  | 'plugin-not-installed'
  | 'plugin-no-archiver'
  | 'sidecar-missing'
  | 'no-backups'
  | 'archiving-failing'
  | 'last-backup-failed'
  | 'never-backed-up'
  | 'first-backup-running'
  | 'scheduled-backup-broken'
  | 'five-field-schedule'
  | 'not-ready'
  | 'plugin-unavailable'
  | 'zalando-failed'
  | 'zalando-replica-not-ready'
  | 'zalando-migrated';

export interface StatusIssue {
  code: IssueCode;
  severity: Exclude<Severity, 'ok'>;
  /** One or two sentences for the tooltip: what is wrong and what it causes. */
  message: string;
}

const RANK: Record<Severity, number> = { ok: 0, info: 1, warning: 2, error: 3 };

export function worst(severities: Iterable<Severity>): Severity {
  let result: Severity = 'ok';
  for (const s of severities) if (RANK[s] > RANK[result]) result = s;
  return result;
}

export function bySeverity(a: StatusIssue, b: StatusIssue): number {
  return RANK[b.severity] - RANK[a.severity];
}

export function atLeast(s: Severity, min: Severity): boolean {
  return RANK[s] >= RANK[min];
}
