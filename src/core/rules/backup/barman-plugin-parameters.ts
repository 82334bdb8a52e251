import { keyRange, valueRange } from '../../model/resource';
import { BARMAN_PLUGIN_PARAMETERS } from '../../cnpg/constants';
import { removeKey, renameKey } from '../../edits/text-edits';
import type { Fix, Rule, RuleContext } from '../types';
import { backupPluginConfiguration, clusterPlugins, externalClusterPlugins, fixOf, isBarmanPlugin, isEnabled, meantAsBarman, placeOf, type PluginBlock } from './barman';

const KNOWN = new Set<string>(BARMAN_PLUGIN_PARAMETERS);

/** Keys of the ObjectStore's spec.configuration (and retentionPolicy) that people put here by mistake. */
const STORE_SETTINGS = new Set(['destinationPath', 'endpointURL', 'endpointCA', 's3Credentials', 'azureCredentials', 'googleCredentials', 'wal', 'data', 'tags', 'historyTags', 'retentionPolicy']);

/** Misspellings whose intent is clear, by their key with case, `-` and `_` ignored. */
const RENAMES: Record<string, string> = {
  barmanobjectname: 'barmanObjectName',
  objectstorename: 'barmanObjectName',
  objectstore: 'barmanObjectName',
  barmanobjectstore: 'barmanObjectName',
  barmanobjectstorename: 'barmanObjectName',
  storename: 'barmanObjectName',
  objectname: 'barmanObjectName',
  servername: 'serverName',
};

export function intendedParameter(key: string): string | undefined {
  const target = RENAMES[key.toLowerCase().replace(/[-_]/g, '')];
  return target !== undefined && target !== key ? target : undefined;
}

export const barmanPluginParameters: Rule = {
  meta: {
    id: 'barman-plugin-parameters',
    title: 'Barman Cloud Plugin parameters',
    defaultSeverity: 'error',
    why: 'The plugin reads only barmanObjectName and serverName from its parameters. Without barmanObjectName it injects no sidecar ("pluginConfiguration invalid, skipping lifecycle"): no archiving, no backups; in an external cluster, recovery cannot find the store. Other keys (store settings like destinationPath or s3Credentials) are ignored: they belong in the ObjectStore. Backup-level parameters are ignored too: plugin 0.14 builds its configuration from the Cluster.',
    source: 'cnpg-facts.md §b (Parameters; lifecycle.go), §c rule 8, "Backup-level plugin parameters are ignored"; seeds README (000)',
    fix: 'Set parameters.barmanObjectName to the ObjectStore name; move store settings to that ObjectStore. Misspelled keys have a rename quick fix.',
  },
  kinds: ['Cluster', 'Backup', 'ScheduledBackup'],
  check(ctx) {
    const { resource } = ctx;
    if (resource.kind !== 'Cluster') {
      const p = backupPluginConfiguration(resource);
      if (p && isBarmanPlugin(p) && p.parameters && Object.keys(p.parameters).length > 0) {
        const path = [...p.path, 'parameters'];
        ctx.report({
          range: keyRange(resource, path),
          severity: 'warning',
          message: `These parameters have no effect: the Barman Cloud Plugin (0.14) builds a backup's configuration from the Cluster's plugin entry. Set barmanObjectName and serverName in the Cluster's spec.plugins instead.`,
          fixes: fixOf('Remove the ignored parameters', [{ file: resource.file, edit: removeKey(resource, path) }]),
        });
      }
      return;
    }
    for (const p of [...clusterPlugins(resource), ...externalClusterPlugins(resource)]) {
      if (isEnabled(p) && meantAsBarman(ctx, p)) checkBlock(ctx, p);
    }
  },
};

function checkBlock(ctx: RuleContext, p: PluginBlock): void {
  const { resource } = ctx;
  const params = p.parameters ?? {};
  const paramsPath = [...p.path, 'parameters'];
  const keys = Object.keys(params);
  const hasObjectName = params.barmanObjectName !== undefined && params.barmanObjectName !== null && params.barmanObjectName !== '';
  const missingEffect =
    p.place === 'externalCluster'
      ? `recovery or replication from external cluster "${p.owner ?? '?'}" cannot find the backups`
      : 'the plugin injects no sidecar ("pluginConfiguration invalid, skipping lifecycle"): no WAL archiving and no backups';
  // A misspelled barmanObjectName is the reason it is missing: one finding, an error, with the rename.
  const misspelled = hasObjectName ? undefined : keys.find((k) => intendedParameter(k) === 'barmanObjectName' && typeof params[k] === 'string');
  for (const key of keys) {
    if (KNOWN.has(key)) continue;
    const path = [...paramsPath, key];
    const target = intendedParameter(key);
    const renamable = target !== undefined && (typeof params[key] === 'string' || typeof params[key] === 'number');
    let fixes: Fix[] = [];
    if (renamable && params[target] === undefined) fixes = fixOf(`Rename to ${target}`, [{ file: resource.file, edit: renameKey(resource, path, target) }], true);
    else if (renamable) fixes = fixOf(`Remove ${key} (${target} is set)`, [{ file: resource.file, edit: removeKey(resource, path) }]);
    let message: string;
    if (key === misspelled) message = `The plugin reads barmanObjectName, not ${key}, so ${placeOf(p)} names no ObjectStore and ${missingEffect}. Rename ${key} to barmanObjectName.`;
    else if (renamable) message = `The plugin ignores "${key}"; it reads ${target}. ${params[target] === undefined ? `Rename it to ${target}.` : `${target} is already set; remove this key.`}`;
    else if (STORE_SETTINGS.has(key)) message = `The plugin ignores "${key}" here: it reads only barmanObjectName and serverName. Store settings belong in the ObjectStore's spec.${key === 'retentionPolicy' ? '' : 'configuration.'}${key}, and barmanObjectName names that ObjectStore.`;
    else message = `The plugin ignores "${key}": it reads only barmanObjectName and serverName.`;
    ctx.report({ range: keyRange(resource, path), severity: key === misspelled ? 'error' : 'warning', message, fixes });
  }
  if (hasObjectName || misspelled) return;
  // An ObjectStore's name used as the plugin name: barman-plugin-name reports it, and its fix sets barmanObjectName.
  if (p.name !== undefined && !isBarmanPlugin(p) && !/barman/i.test(p.name)) return;
  const where = p.parameters ? keyRange(resource, paramsPath) : valueRange(resource, [...p.path, 'name']);
  ctx.report({
    range: where,
    severity: 'error',
    message: `The Barman Cloud Plugin in ${placeOf(p)} has no parameters.barmanObjectName, so ${missingEffect}. Set barmanObjectName to the name of the ObjectStore${keys.some((k) => STORE_SETTINGS.has(k)) ? ' that holds these store settings' : ''}.`,
  });
}
