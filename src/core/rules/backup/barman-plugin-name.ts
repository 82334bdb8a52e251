import { asString, valueRange } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import { insertKey, replaceValue } from '../../edits/text-edits';
import type { Fix, Rule, RuleContext } from '../types';
import { backupPluginConfiguration, clusterPlugins, externalClusterPlugins, fixOf, isEnabled, misnamedBarman, type PluginBlock } from './barman';

export const barmanPluginName: Rule = {
  meta: {
    id: 'barman-plugin-name',
    title: 'Wrong Barman Cloud Plugin name',
    defaultSeverity: 'error',
    why: 'The operator finds plugins by their exact name. A Cluster that requires an unknown plugin stops in phase "Cluster cannot proceed to reconciliation due to an unknown plugin being required", and Backups fail with "requested plugin is not available". The Barman Cloud Plugin is named barman-cloud.cloudnative-pg.io.',
    source: 'cnpg-facts.md §b (Basics: name); §c rule 7; seeds README (000 uses `barman-cloud`)',
    fix: 'Use barman-cloud.cloudnative-pg.io (quick fix). When the ObjectStore name was used as the plugin name, the quick fix also sets parameters.barmanObjectName to it.',
  },
  kinds: ['Cluster', 'Backup', 'ScheduledBackup'],
  check(ctx) {
    const { resource } = ctx;
    if (resource.kind === 'Cluster') {
      for (const p of clusterPlugins(resource)) {
        if (isEnabled(p) && misnamedBarman(ctx, p)) report(ctx, p, 'The Cluster stops in phase "Cluster cannot proceed to reconciliation due to an unknown plugin being required": no rollout, no archiving, no backups.');
      }
      for (const p of externalClusterPlugins(resource)) {
        if (isEnabled(p) && misnamedBarman(ctx, p)) report(ctx, p, 'Recovery or replication from this external cluster cannot reach the plugin.');
      }
      return;
    }
    const p = backupPluginConfiguration(resource);
    if (p && misnamedBarman(ctx, p)) report(ctx, p, `The ${resource.kind === 'Backup' ? 'Backup fails' : 'Backups it creates fail'} with "requested plugin is not available".`);
  },
};

function report(ctx: RuleContext, p: PluginBlock, consequence: string): void {
  const { resource } = ctx;
  const namePath = [...p.path, 'name'];
  const storeName = /barman/i.test(p.name!) ? undefined : p.name;
  const edit = replaceValue(resource, namePath, BARMAN_PLUGIN_NAME);
  let fixes: Fix[];
  if (storeName && p.place !== 'backup' && asString(p.parameters?.barmanObjectName) === undefined) {
    // The store's name was written where the plugin's name goes: point the plugin at that store.
    const param = insertKey(resource, [...p.path, 'parameters'], 'barmanObjectName', storeName);
    fixes = fixOf(`Use ${BARMAN_PLUGIN_NAME} with barmanObjectName: ${storeName}`, [{ file: resource.file, edit }, { file: resource.file, edit: param }], true);
  } else {
    fixes = fixOf(`Use ${BARMAN_PLUGIN_NAME}`, [{ file: resource.file, edit }], true);
  }
  const why = storeName ? `"${storeName}" is the name of an ObjectStore, not of a plugin` : `"${p.name}" is not the Barman Cloud Plugin's name`;
  ctx.report({
    range: valueRange(resource, namePath),
    message: `${why}: the operator knows no plugin by that name. ${consequence} Use ${BARMAN_PLUGIN_NAME}${storeName && p.place !== 'backup' ? ` and parameters.barmanObjectName: ${storeName}` : ''}.`,
    fixes,
  });
}
