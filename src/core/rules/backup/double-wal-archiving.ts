import { asString, valueRange } from '../../model/resource';
import type { Rule } from '../types';
import { clusterPlugins, hasInTreeStore, hasUnknownArchiverFlags, isBarmanPlugin, isEnabled, walArchivers } from './barman';

export const doubleWalArchiving: Rule = {
  meta: {
    id: 'double-wal-archiving',
    title: 'WAL archived twice: in-tree and through the Barman Cloud Plugin',
    defaultSeverity: 'warning',
    why: 'The instance manager sends each WAL to every enabled plugin that can archive, and archives in-tree too unless a plugin has isWALArchiver: true. With spec.backup.barmanObjectStore and the Barman Cloud Plugin without isWALArchiver, every WAL is archived twice, and a failure of the plugin also blocks archiving.',
    source: 'cnpg-facts.md §a (Both in-tree and plugin configured: archiver.go internalRun); §c rule 5',
    fix: 'Finish the migration in one Cluster update: remove spec.backup.barmanObjectStore and retentionPolicy and set isWALArchiver: true on the plugin (`cnpg-tools migrate barman-plugin`).',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    // With an archiver plugin the webhook rejects the Cluster instead (in-tree-and-plugin-archiver).
    if (!hasInTreeStore(resource) || walArchivers(resource).length > 0 || hasUnknownArchiverFlags(resource)) return;
    for (const p of clusterPlugins(resource)) {
      // Without barmanObjectName no sidecar is injected, so the plugin archives nothing (barman-plugin-parameters).
      if (!isBarmanPlugin(p) || !isEnabled(p) || asString(p.parameters?.barmanObjectName) === undefined) continue;
      ctx.report({
        range: valueRange(resource, [...p.path, 'name']),
        message:
          'Every WAL is archived twice: in-tree through spec.backup.barmanObjectStore and again through the Barman Cloud Plugin, which is enabled without isWALArchiver: true. ' +
          'A failure of either one blocks WAL archiving. Remove spec.backup.barmanObjectStore and retentionPolicy and set isWALArchiver: true on the plugin in the same update.',
      });
    }
  },
};
