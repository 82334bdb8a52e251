import { asRecord, getIn, keyRange, valueRange } from '../../model/resource';
import { externalClustersOf } from '../../cnpg/cluster';
import { announcedRemoval, inTreeRemoved, IN_TREE_DEPRECATED_IN } from '../../versions';
import type { Rule } from '../types';

export const inTreeBarmanDeprecated: Rule = {
  meta: {
    id: 'in-tree-barman-deprecated',
    title: 'In-tree Barman Cloud backup is deprecated',
    defaultSeverity: 'warning',
    why: 'CNPG deprecated spec.backup.barmanObjectStore in 1.26 and will remove it; the webhook already warns on every apply. Once removed, the cluster stops archiving WAL and taking backups.',
    source: 'cnpg-facts.md §a (Timeline, getInTreeBarmanWarnings); §c rule 1',
    fix: 'Move the store to an ObjectStore and enable the Barman Cloud Plugin (quick fix "Migrate to the Barman Cloud Plugin", or `cnpg-tools migrate barman-plugin`).',
  },
  kinds: ['Cluster', 'Backup', 'ScheduledBackup'],
  // A Kustomize patch that adds an in-tree block uses it as much as a full manifest does.
  checksPatches: true,
  check(ctx) {
    const { resource, options } = ctx;
    const removal = announcedRemoval(options.operatorVersion);
    const removed = inTreeRemoved(options.operatorVersion);
    const severity = removed ? 'error' : 'warning';
    const when = removed
      ? `was removed in CloudNativePG ${removal}: the target operator no longer archives or backs up through it`
      : `is deprecated since CloudNativePG ${IN_TREE_DEPRECATED_IN.replace(/\.0$/, '')} and will be removed in ${removal}`;
    if (resource.kind === 'Cluster') {
      if (usesBlock(getIn(resource.value, ['spec', 'backup', 'barmanObjectStore']))) {
        ctx.report({
          range: keyRange(resource, ['spec', 'backup', 'barmanObjectStore']),
          severity,
          message: `In-tree Barman Cloud backup (spec.backup.barmanObjectStore) ${when}. Move it to an ObjectStore and the Barman Cloud Plugin (barman-cloud.cloudnative-pg.io).`,
        });
      }
      for (const ext of externalClustersOf(resource.value)) {
        if (!usesBlock(ext.value.barmanObjectStore)) continue;
        ctx.report({
          range: keyRange(resource, ['spec', 'externalClusters', ext.index, 'barmanObjectStore']),
          severity,
          message: `External cluster "${ext.name ?? ext.index}" reads backups through in-tree barmanObjectStore, which ${when}. Give it a plugin block with an ObjectStore and an explicit serverName.`,
        });
      }
      return;
    }
    if (getIn(resource.value, ['spec', 'method']) === 'barmanObjectStore') {
      ctx.report({
        range: valueRange(resource, ['spec', 'method']),
        severity,
        message: `method: barmanObjectStore uses in-tree Barman Cloud, which ${when}. Use method: plugin with pluginConfiguration.name: barman-cloud.cloudnative-pg.io.`,
      });
    }
  },
};

/** An in-tree block that is written, not a strategic-merge patch deleting it (`$patch: delete`). */
function usesBlock(value: unknown): boolean {
  const block = asRecord(value);
  return block !== undefined && block.$patch !== 'delete';
}
