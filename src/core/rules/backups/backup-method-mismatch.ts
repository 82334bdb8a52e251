import { asRecord, getIn, keyRange, valueRange } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import type { Fix, Rule } from '../types';
import { backupPluginConfiguration, misnamedBarman } from '../backup/barman';
import { clusterPluginNames, kindWord, methodOf, pluginNameOf, targetCluster, usePluginFix } from './target';

export const backupMethodMismatch: Rule = {
  meta: {
    id: 'backup-method-mismatch',
    title: 'Backup method the target Cluster cannot serve',
    defaultSeverity: 'error',
    why: 'The backup controller checks the method against the Cluster before it starts (checkPrerequisites) and marks the Backup failed for good when the Cluster has no matching section: "no barmanObjectStore section defined on the target cluster", "no volumeSnapshot section defined on the target cluster", "cannot proceed with the backup as the cluster has no backup section" or "... has no plugin configured". A plugin backup whose plugin is not enabled on the Cluster fails too. An omitted method is the CRD default barmanObjectStore, which a plugin-only Cluster cannot serve.',
    source: 'cnpg-facts.md §a (Backup methods; Controller prerequisites); §c rules 14 and 16',
    fix: 'Use the method the Cluster is set up for. For a Cluster on the Barman Cloud Plugin, quick fix "Use method: plugin with barman-cloud.cloudnative-pg.io".',
  },
  kinds: ['Backup', 'ScheduledBackup'],
  check(ctx) {
    const { resource } = ctx;
    const m = methodOf(resource);
    const target = targetCluster(ctx);
    if (!m || target.kind !== 'found') return;
    const { cluster, name } = target;
    const spec = asRecord(getIn(cluster.value, ['spec'])) ?? {};
    const backup = asRecord(spec.backup);
    const plugins = clusterPluginNames(cluster);
    const hasBarmanPlugin = plugins.enabled.includes(BARMAN_PLUGIN_NAME);
    const who = kindWord(resource);
    const methodText = m.explicit ? `method: ${m.method}, but` : 'no method, so the CRD default barmanObjectStore applies, and';
    const range = m.explicit ? valueRange(resource, ['spec', 'method']) : keyRange(resource, ['spec', 'cluster']);
    const failed = (reason: string) => `${who} fails at once with "${reason}" (the controller's prerequisite check; the failure is final).`;

    if (m.method === 'barmanObjectStore' || m.method === 'volumeSnapshot') {
      const section = m.method === 'barmanObjectStore' ? 'barmanObjectStore' : 'volumeSnapshot';
      if (asRecord(backup?.[section])) return;
      const reason = !backup ? 'cannot proceed with the backup as the cluster has no backup section' : `no ${section} section defined on the target cluster`;
      const fixes: Fix[] = m.method === 'barmanObjectStore' && hasBarmanPlugin ? usePluginFix(resource) : [];
      const advice =
        m.method === 'volumeSnapshot'
          ? `Add spec.backup.volumeSnapshot to the Cluster for snapshot backups. ${alternatives(backup, plugins.enabled, name)}`
          : hasBarmanPlugin
            ? `Cluster "${name}" backs up through the Barman Cloud Plugin: use method: plugin with pluginConfiguration.name: ${BARMAN_PLUGIN_NAME}.`
            : alternatives(backup, plugins.enabled, name);
      ctx.report({
        range,
        message: `${resource.kind} has ${methodText} Cluster "${name}" has no ${m.method === 'barmanObjectStore' ? 'spec.backup.barmanObjectStore' : 'spec.backup.volumeSnapshot'}. ${failed(reason)} ${advice}`,
        fixes,
      });
      return;
    }

    // method: plugin. Without a plugin name the webhook rejects the Backup first: plugin-configuration-missing.
    const wanted = pluginNameOf(resource);
    if (wanted === '') return;
    if (!plugins.any) {
      ctx.report({
        range,
        message: `${resource.kind} has method: plugin, but Cluster "${name}" has no spec.plugins. ${failed('cannot proceed with the backup as the cluster has no plugin configured')} ${alternatives(backup, [], name)}`,
      });
      return;
    }
    // A substituted name or plugin list is unknown.
    if (wanted === undefined || plugins.unknown || plugins.enabled.includes(wanted)) return;
    // A misspelt Barman Cloud Plugin name is barman-plugin-name's finding, on either side.
    const block = backupPluginConfiguration(resource);
    if (block && misnamedBarman(ctx, block)) return;
    if (wanted === BARMAN_PLUGIN_NAME && plugins.enabled.some((n) => /barman/i.test(n))) return;
    const enabled = plugins.enabled.length > 0 ? `its enabled plugins are ${plugins.enabled.map((n) => `"${n}"`).join(', ')}` : 'it has no enabled plugin';
    const single = plugins.enabled.length === 1 ? plugins.enabled[0] : hasBarmanPlugin ? BARMAN_PLUGIN_NAME : undefined;
    ctx.report({
      range: valueRange(resource, ['spec', 'pluginConfiguration', 'name']),
      message: `Plugin "${wanted}" is not enabled on Cluster "${name}" (${enabled}). ${who} fails: the operator cannot hand it to a plugin the Cluster does not run.${single ? ` Use "${single}".` : ''}`,
      fixes: single ? usePluginFix(resource, single) : [],
    });
  },
};

/** What the Cluster can serve instead, in words. */
function alternatives(backup: Record<string, unknown> | undefined, enabledPlugins: string[], name: string): string {
  const options: string[] = [];
  if (enabledPlugins.length > 0) options.push(`method: plugin (${enabledPlugins.map((n) => `"${n}"`).join(', ')})`);
  if (asRecord(backup?.barmanObjectStore)) options.push('method: barmanObjectStore');
  if (asRecord(backup?.volumeSnapshot)) options.push('method: volumeSnapshot');
  return options.length > 0
    ? `Cluster "${name}" can serve ${options.join(' or ')}.`
    : `Cluster "${name}" has no backup configuration at all: add the Barman Cloud Plugin (or spec.backup.volumeSnapshot) to it first.`;
}
