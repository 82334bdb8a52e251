import { getIn, keyRange, type Resource } from '../../model/resource';
import { namespacesMatch } from '../../model/workspace';
import { insertKey, removeKey } from '../../edits/text-edits';
import type { Fix, Rule } from '../types';
import { clusterPlugins, externalClusterPlugins, fixOf, isBarmanPlugin, isEnabled, placeOf, sourceText, type PluginBlock } from './barman';

export const objectStoreServerName: Rule = {
  meta: {
    id: 'object-store-server-name',
    title: 'serverName in an ObjectStore configuration',
    defaultSeverity: 'error',
    why: 'The ObjectStore CRD forbids spec.configuration.serverName with a CEL rule ("use the \'serverName\' plugin parameter in the Cluster resource"), so the apply is rejected. The server name is chosen per Cluster, in the plugin parameters.',
    source: 'cnpg-facts.md §b (ObjectStore: configuration.serverName is forbidden by CEL); §c rule 10; crds/barmancloud.cnpg.io_objectstores.yaml',
    fix: 'Move the value to parameters.serverName of the Cluster\'s Barman Cloud Plugin entry (or of the external cluster that reads this store); quick fix when exactly one Cluster uses the store.',
  },
  kinds: ['ObjectStore'],
  check(ctx) {
    const { resource } = ctx;
    const path = ['spec', 'configuration', 'serverName'];
    const value = getIn(resource.value, path);
    if (value === undefined || value === null) return;
    const users = resource.name ? usersOf(ctx.workspace.ofKind('Cluster', resource.namespace), resource) : [];
    let fixes: Fix[] = [];
    let hint = 'Set it as parameters.serverName of the Barman Cloud Plugin in each Cluster (or external cluster) that uses this store.';
    if (users.length === 1) {
      const { cluster, plugin } = users[0];
      const existing = plugin.parameters?.serverName;
      const raw = sourceText(resource, path);
      const remove = { file: resource.file, edit: removeKey(resource, path) };
      hint = `Cluster ${cluster.name} uses this store in ${placeOf(plugin)}: set parameters.serverName there.`;
      if (existing === undefined && raw !== undefined) {
        const add = { file: cluster.file, edit: insertKey(cluster, [...plugin.path, 'parameters'], 'serverName', raw) };
        fixes = fixOf(`Move serverName to Cluster ${cluster.name} (${placeOf(plugin)})`, [remove, add], true);
      } else if (existing === value) {
        hint = `Cluster ${cluster.name} already sets the same serverName in ${placeOf(plugin)}.`;
        fixes = fixOf('Remove serverName (the Cluster already sets it)', [remove], true);
      }
    }
    ctx.report({
      range: keyRange(resource, path),
      message: `The ObjectStore CRD rejects configuration.serverName ("use the 'serverName' plugin parameter in the Cluster resource"), so this ObjectStore cannot be applied. ${hint}`,
      fixes,
    });
  },
};

interface StoreUser {
  cluster: Resource;
  plugin: PluginBlock;
}

function usersOf(clusters: Resource[], store: Resource): StoreUser[] {
  const users: StoreUser[] = [];
  for (const cluster of clusters) {
    if (!namespacesMatch(cluster.namespace, store.namespace)) continue;
    for (const plugin of [...clusterPlugins(cluster), ...externalClusterPlugins(cluster)]) {
      if (isEnabled(plugin) && isBarmanPlugin(plugin) && plugin.parameters?.barmanObjectName === store.name) users.push({ cluster, plugin });
    }
  }
  return users;
}
