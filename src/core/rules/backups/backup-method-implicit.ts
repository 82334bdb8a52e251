import { keyRange } from '../../model/resource';
import type { Rule } from '../types';
import { methodOf, targetCluster } from './target';

export const backupMethodImplicit: Rule = {
  meta: {
    id: 'backup-method-implicit',
    title: 'Backup method left to the CRD default',
    defaultSeverity: 'info',
    why: 'An omitted method is the CRD default barmanObjectStore (no defaulting webhook changes it), and `kubectl cnpg backup` never picks plugin by itself. Against a Cluster on the Barman Cloud Plugin that default fails with "no barmanObjectStore section defined on the target cluster". The target Cluster is not in this workspace, so which method it can serve is unknown here.',
    source: 'cnpg-facts.md §a (Backup methods; kubectl cnpg backup); §c rule 14',
    fix: 'Write the method explicitly: method: plugin with pluginConfiguration.name: barman-cloud.cloudnative-pg.io for a plugin Cluster, barmanObjectStore only for an in-tree one.',
  },
  kinds: ['Backup', 'ScheduledBackup'],
  check(ctx) {
    const m = methodOf(ctx.resource);
    if (!m || m.explicit) return;
    const target = targetCluster(ctx);
    // With the Cluster in the workspace, backup-method-mismatch knows whether the default works.
    if (target.kind !== 'missing') return;
    ctx.report({
      range: keyRange(ctx.resource, ['spec', 'cluster']),
      message: `No method: the CRD default barmanObjectStore (in-tree Barman Cloud) applies. If Cluster "${target.name}" (not in this workspace) uses the Barman Cloud Plugin, ${ctx.resource.kind === 'Backup' ? 'this Backup fails' : 'every Backup this creates fails'} with "no barmanObjectStore section defined on the target cluster". Write the method explicitly (method: plugin with pluginConfiguration.name: barman-cloud.cloudnative-pg.io for a plugin Cluster).`,
    });
  },
};
