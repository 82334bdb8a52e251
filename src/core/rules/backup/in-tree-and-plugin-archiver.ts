import { keyRange } from '../../model/resource';
import type { Rule } from '../types';
import { hasInTreeStore, placeOf, walArchivers } from './barman';

export const inTreeAndPluginArchiver: Rule = {
  meta: {
    id: 'in-tree-and-plugin-archiver',
    title: 'In-tree barmanObjectStore together with a WAL archiver plugin',
    defaultSeverity: 'error',
    why: 'The Cluster webhook rejects a Cluster that has spec.backup.barmanObjectStore and an enabled plugin with isWALArchiver: true ("Cannot enable a WAL archiver plugin when barmanObjectStore is configured"), so the apply fails.',
    source: 'cnpg-facts.md §a (validatePluginConfiguration); §c rule 3',
    fix: 'Finish the migration in one update: remove spec.backup.barmanObjectStore (and retentionPolicy) once the ObjectStore exists, keeping isWALArchiver: true on the plugin (`cnpg-tools migrate barman-plugin`). To keep in-tree archiving for now, drop isWALArchiver instead.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    if (!hasInTreeStore(resource)) return;
    for (const p of walArchivers(resource)) {
      ctx.report({
        range: keyRange(resource, [...p.path, 'isWALArchiver']),
        message:
          `The webhook rejects this Cluster: "Cannot enable a WAL archiver plugin when barmanObjectStore is configured". ` +
          `Plugin ${p.name ?? placeOf(p)} is the WAL archiver while spec.backup.barmanObjectStore is still set. ` +
          'Remove spec.backup.barmanObjectStore and spec.backup.retentionPolicy in the same update (the store belongs in an ObjectStore), or remove isWALArchiver to keep archiving in-tree for now.',
      });
    }
  },
};
