import { keyRange } from '../../model/resource';
import type { Rule } from '../types';
import { placeOf, walArchivers } from './barman';

export const multipleWalArchivers: Rule = {
  meta: {
    id: 'multiple-wal-archivers',
    title: 'More than one WAL archiver plugin',
    defaultSeverity: 'error',
    why: 'The Cluster webhook rejects a Cluster with more than one enabled plugin marked isWALArchiver: true ("Cannot enable more than one WAL archiver plugin").',
    source: 'cnpg-facts.md §a (validatePluginConfiguration); §c rule 4',
    fix: 'Keep isWALArchiver: true on one plugin only (normally barman-cloud.cloudnative-pg.io) and remove it from the others, or disable them.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const archivers = walArchivers(ctx.resource);
    if (archivers.length < 2) return;
    const first = archivers[0];
    for (const p of archivers.slice(1)) {
      ctx.report({
        range: keyRange(ctx.resource, [...p.path, 'isWALArchiver']),
        message:
          `The webhook rejects this Cluster: "Cannot enable more than one WAL archiver plugin". ` +
          `${p.name ?? placeOf(p)} is marked isWALArchiver: true, and so is ${first.name ?? placeOf(first)} (${placeOf(first)}). Keep it on one plugin only.`,
      });
    }
  },
};
