import { asString, getIn, keyRange } from '../../model/resource';
import { SKIP_EMPTY_WAL_ARCHIVE_CHECK } from '../../cnpg/constants';
import { removeKey } from '../../edits/text-edits';
import type { Rule } from '../types';
import { fixOf } from '../backup/barman';

export const skipEmptyWalArchiveCheck: Rule = {
  meta: {
    id: 'skip-empty-wal-archive-check',
    title: 'Empty-archive check switched off',
    defaultSeverity: 'warning',
    why: 'At bootstrap CNPG and the Barman Cloud Plugin refuse to archive into a folder that already holds WAL ("Expected empty archive"), which protects another cluster\'s (or the recovery source\'s) backups. cnpg.io/skipEmptyWalArchiveCheck: enabled turns that check off: the new cluster writes its WAL over a foreign catalog, and a later restore may replay the wrong WAL (data-loss risk).',
    source: 'cnpg-facts.md §c rule 21 (docs/src/labels_annotations.md); Corrections (recovery into the source\'s folder: resolveRestoreEmptyWalArchiveCheck)',
    fix: 'Remove the annotation (quick fix) and give the cluster an archive folder of its own (serverName or destinationPath).',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const path = ['metadata', 'annotations', SKIP_EMPTY_WAL_ARCHIVE_CHECK];
    // The operator disables the check only for the exact value "enabled".
    if (asString(getIn(resource.value, path)) !== 'enabled') return;
    ctx.report({
      range: keyRange(resource, path),
      message: `${SKIP_EMPTY_WAL_ARCHIVE_CHECK}: enabled switches off the check that this Cluster's archive folder is empty when it bootstraps. If the folder holds another cluster's (or the recovery source's) WAL, this Cluster writes into it anyway, mixing two histories in one catalog; a restore may then replay the wrong WAL. Prefer an archive folder of its own (a new serverName), and remove the annotation.`,
      fixes: fixOf(`Remove ${SKIP_EMPTY_WAL_ARCHIVE_CHECK}`, [{ file: resource.file, edit: removeKey(resource, path, { pruneEmptyParents: true }) }]),
    });
  },
};
