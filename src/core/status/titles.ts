// Short row labels for issues; the full sentence is in the tooltip.
import type { IssueCode, StatusIssue } from './issues';

const TITLES: Record<IssueCode, string> = {
  'in-tree-deprecated': 'In-tree Barman Cloud is deprecated',
  'in-tree-removed': 'In-tree Barman Cloud was removed',
  'in-tree-external': 'External clusters still read in-tree backups',
  mixed: 'Half migrated: in-tree and plugin',
  'double-archiving': 'Every WAL is archived twice',
  'archiver-conflict': 'barmanObjectStore and a WAL archiver plugin',
  'plugin-wrong-name': 'Unknown plugin name',
  'plugin-no-object-name': 'Plugin without barmanObjectName',
  'plugin-objectstore-missing': 'ObjectStore not found',
  'plugin-not-installed': 'Barman Cloud Plugin not installed',
  'plugin-no-archiver': 'No WAL archiver plugin',
  'sidecar-missing': 'Pods without the plugin sidecar',
  'no-backups': 'No backups configured',
  'archiving-failing': 'WAL archiving failing',
  'last-backup-failed': 'Last backup failed',
  'never-backed-up': 'Never backed up',
  'first-backup-running': 'First backup running',
  'scheduled-backup-broken': 'ScheduledBackup cannot succeed',
  'five-field-schedule': 'Five-field schedule (seconds first)',
  'not-ready': 'Not ready',
  'plugin-unavailable': 'Reconciliation blocked by a plugin',
  'zalando-failed': 'Zalando operator reports a failure',
  'zalando-replica-not-ready': 'CNPG replica not ready',
  'zalando-migrated': 'Migrated to CNPG',
};

export function issueTitle(issue: StatusIssue): string {
  return TITLES[issue.code];
}
