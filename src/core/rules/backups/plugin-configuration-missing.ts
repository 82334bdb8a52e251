import { asRecord, getIn, valueRange } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import type { Fix, Rule } from '../types';
import { clusterPluginNames, methodOf, pluginNameOf, targetCluster, usePluginFix } from './target';

export const pluginConfigurationMissing: Rule = {
  meta: {
    id: 'plugin-configuration-missing',
    title: 'method: plugin without pluginConfiguration.name',
    defaultSeverity: 'error',
    why: 'A plugin backup must say which plugin takes it. The Backup webhook rejects method: plugin without pluginConfiguration ("cannot be empty when the backup method is plugin"). The ScheduledBackup webhook does not check it, so the ScheduledBackup is admitted and every Backup it creates is rejected: no backup is ever taken.',
    source: 'cnpg-facts.md §a (Backup methods: the Backup webhook rejects method: plugin without pluginConfiguration; the ScheduledBackup webhook does not); §c rule 15',
    fix: 'Add pluginConfiguration.name, e.g. barman-cloud.cloudnative-pg.io (quick fix when the target Cluster runs one plugin or the Barman Cloud Plugin).',
  },
  kinds: ['Backup', 'ScheduledBackup'],
  check(ctx) {
    const { resource } = ctx;
    const m = methodOf(resource);
    if (!m || m.method !== 'plugin' || pluginNameOf(resource) !== '') return;
    const target = targetCluster(ctx);
    let fixes: Fix[] = [];
    if (target.kind === 'found') {
      const plugins = clusterPluginNames(target.cluster);
      const pick = plugins.enabled.includes(BARMAN_PLUGIN_NAME) ? BARMAN_PLUGIN_NAME : plugins.enabled.length === 1 ? plugins.enabled[0] : undefined;
      if (pick && !plugins.unknown) fixes = usePluginFix(resource, pick);
    }
    const consequence =
      resource.kind === 'Backup'
        ? 'The webhook rejects this Backup ("spec.pluginConfiguration: cannot be empty when the backup method is plugin").'
        : 'The webhook admits this ScheduledBackup, but rejects every Backup it creates: no backup is ever taken.';
    const hasConfig = asRecord(getIn(resource.value, ['spec', 'pluginConfiguration'])) !== undefined;
    ctx.report({
      range: valueRange(resource, ['spec', 'method']),
      message: `method: plugin without ${hasConfig ? 'pluginConfiguration.name' : 'pluginConfiguration'}. ${consequence} Name the plugin, e.g. pluginConfiguration.name: ${BARMAN_PLUGIN_NAME}.`,
      fixes,
    });
  },
};
