import { asString, getIn, keyRange } from '../../model/resource';
import { describeLocation } from '../../cnpg/archive';
import { SKIP_EMPTY_WAL_ARCHIVE_CHECK } from '../../cnpg/constants';
import type { Rule } from '../types';
import { archiveConfig, archiveIntoSource, serverNameKey } from './locations';

export const recoveryArchivesIntoSource: Rule = {
  meta: {
    id: 'recovery-archives-into-source',
    title: 'Recovery cluster archives into its source\'s folder',
    defaultSeverity: 'error',
    why: 'Before restoring, CNPG (in-tree) and the Barman Cloud Plugin check that the new cluster\'s own archive destination is empty. When the cluster restores from the very folder it archives into (same store, destinationPath and effective serverName), that folder holds the source\'s WAL: the restore stops with "Expected empty archive" and the cluster stays in "Setting up primary". With cnpg.io/skipEmptyWalArchiveCheck: enabled the check is skipped, and the new cluster writes its new timeline into the source\'s folder, mixing two histories in one catalog.',
    source: 'cnpg-facts.md §b (serverName defaults; serverName continuity); §c rule 19; Corrections (recovery into the source\'s folder)',
    fix: 'Give the new cluster its own archive folder: set serverName (plugin parameters.serverName or barmanObjectStore.serverName) to a new value, or use another destinationPath.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const hit = archiveIntoSource(ctx, resource);
    if (!hit) return;
    const { source, archive } = hit;
    const from = source.location.kind === 'known' ? source.location.location : archive;
    const skip = asString(getIn(resource.value, ['metadata', 'annotations', SKIP_EMPTY_WAL_ARCHIVE_CHECK])) === 'enabled';
    const defaulted = from.serverNameDefaulted
      ? ` (the external cluster's serverName is not written, so it defaults to ${from.via === 'plugin' ? `this Cluster's own name "${from.serverName}"` : `the external cluster's name "${from.serverName}"`})`
      : '';
    const head = `This Cluster restores from external cluster "${source.ext.name}" at ${describeLocation(from)}${defaulted} and archives into the same folder through ${archiveConfig(archive)}.`;
    const tail = skip
      ? ` ${SKIP_EMPTY_WAL_ARCHIVE_CHECK}: enabled skips the empty-archive check, so it starts and writes its new timeline into the source's folder: if the source still runs (or is restored again), both clusters' WAL and backups mix in one catalog. When this Cluster replaces the source for good, its new timeline continues the old one's folder; that is safe only while nothing else archives there.`
      : ' The restore\'s empty-archive check finds the source\'s WAL there and stops with "Expected empty archive": the cluster stays in "Setting up primary".';
    const suggestion = resource.name ? `, e.g. "${archive.serverName === resource.name ? `${resource.name}-2` : resource.name}"` : '';
    ctx.report({
      range: keyRange(resource, archive.configPath),
      severity: skip ? 'warning' : 'error',
      message: `${head}${tail} Archive into a folder of its own: set ${serverNameKey(archive)} to a new name${suggestion}, or use another destinationPath.`,
    });
  },
};
