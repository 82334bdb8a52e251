// Cutover day for a replica Cluster (issue 4, transform 3): `spec.replica.enabled: true -> false`, the
// standalone promotion of cnpg-facts.md §e, changed in place so the file stays byte-identical around it.
import { isScalar } from 'yaml';
import { asRecord, getIn, type Resource } from '../../model/resource';
import type { WorkspaceModel } from '../../model/workspace';
import { nodeAt } from '../../yaml/parse';
import { documentEdits } from '../text/edits';
import { NeedsFallback } from '../text/doc-editor';
import { editDocument } from '../text/edit-document';
import { styleFor } from '../text/style-of';
import { clone } from '../text/verify';
import { displayName } from '../namespaces';
import { hasBackup } from '../../rules/hygiene/no-backup';
import { TransformInputError, TransformRefused, type TransformResult } from '../types';

const ENABLED = ['spec', 'replica', 'enabled'];

export function promoteReplica(model: WorkspaceModel, cluster: Resource): TransformResult {
  const subject = displayName(cluster);
  if (cluster.kind !== 'Cluster') throw new TransformInputError(`${subject} is not a CloudNativePG Cluster.`);
  const replica = asRecord(getIn(cluster.value, ['spec', 'replica']));
  if (!replica) throw new TransformInputError(`${subject} is not a replica cluster (it has no spec.replica).`);
  const enabled = replica.enabled;
  if (enabled === false) return { changes: [], summary: [`${subject} is already promoted (spec.replica.enabled is false); nothing to change.`], notes: [] };
  if (enabled === undefined || enabled === null) {
    const reason = replica.primary !== undefined
      ? 'it uses the distributed topology (spec.replica.primary): promotion there is a demotion-token handover between the two clusters (cnpg-facts.md §e), not a change of enabled.'
      : 'spec.replica.enabled is not set, so whether it is a replica depends on replica.primary and replica.self; set enabled explicitly first.';
    throw new TransformRefused([{ subject, reason }]);
  }
  if (enabled !== true) throw new TransformRefused([{ subject, reason: `spec.replica.enabled is ${JSON.stringify(enabled)}, not a plain true/false (a Flux substitution?); change it by hand.` }]);
  const expected = clone(cluster.value);
  (asRecord(getIn(expected, ['spec', 'replica'])) as Record<string, unknown>).enabled = false;
  const outcome = editDocument(
    cluster.document,
    styleFor(model, cluster.file, cluster.document),
    expected,
    (ed) => {
      const node = nodeAt(ed.doc, ENABLED);
      if (!isScalar(node) || !node.range) throw new NeedsFallback('spec.replica.enabled is not a scalar');
      ed.replace(node.range[0], node.range[1], 'false');
    },
    (doc) => doc.setIn(ENABLED, false),
  );
  if ('problem' in outcome) throw new TransformRefused([{ subject, reason: `its manifest could not be edited safely (${outcome.problem}).` }]);
  const name = cluster.name ?? '<cluster>';
  const backupNote = hasBackup(cluster.value)
    ? []
    : [`${subject} has no backup configured: once promoted nothing protects it. Add the Barman Cloud Plugin (isWALArchiver: true) with an ObjectStore and a ScheduledBackup before the cutover.`];
  return {
    changes: [{ file: cluster.file, edits: documentEdits(cluster.document, outcome.text) }],
    summary: [`${subject}: spec.replica.enabled set to false (promotion to a standalone primary).`],
    notes: [
      'Promotion cannot be undone: the Cluster leaves replica mode for good (cnpg-facts.md §e).',
      'Before applying: stop every write to the source (scale the applications to zero), then wait until the replica has replayed everything (pg_current_wal_lsn() on the source equals pg_last_wal_replay_lsn() on the designated primary).',
      `After applying: point the applications at ${name}-rw, take a first backup (kubectl cnpg backup ${name} --method plugin --plugin-name barman-cloud.cloudnative-pg.io) and keep the source until the new cluster has run stable.`,
      ...backupNote,
    ],
  };
}
