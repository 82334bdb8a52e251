import { isSubstituted, valueRange } from '../../model/resource';
import { replaceValue } from '../../edits/text-edits';
import type { Fix, Rule, RuleContext } from '../types';
import { clusterPlugins, externalClusterPlugins, fixOf, isEnabled, meantAsBarman, placeOf } from './barman';
import { onlyNameNear } from '../near-names';

export const objectStoreNotFound: Rule = {
  meta: {
    id: 'object-store-not-found',
    title: 'barmanObjectName names no ObjectStore',
    defaultSeverity: 'warning',
    why: 'The ObjectStore must exist in the Cluster\'s namespace. When it is missing, the plugin\'s Pre hook returns REQUEUE and the Cluster\'s reconciliation stalls; an external cluster pointing at a missing store cannot recover. Offline this is a warning (the store may live outside this workspace); against a live cluster it is an error.',
    source: 'cnpg-facts.md §b (ObjectStore: must live in the Cluster\'s namespace; reconciler.go); §c rule 9',
    fix: 'Create the ObjectStore in the Cluster\'s namespace, or correct barmanObjectName (quick fix when a store with a close name exists).',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    for (const p of [...clusterPlugins(resource), ...externalClusterPlugins(resource)]) {
      if (!isEnabled(p) || !meantAsBarman(ctx, p)) continue;
      const name = p.parameters?.barmanObjectName;
      if (typeof name !== 'string' || name === '' || isSubstituted(name)) continue;
      const found = ctx.workspace.find('ObjectStore', resource.namespace, name);
      if (found.resource || found.ambiguous) continue;
      const path = [...p.path, 'parameters', 'barmanObjectName'];
      const where = resource.namespace ? `namespace "${resource.namespace}"` : 'any namespace';
      const consequence =
        p.place === 'externalCluster'
          ? `recovery or replication from external cluster "${p.owner ?? '?'}" cannot read its backups`
          : "the plugin's Pre hook requeues the Cluster until the store exists: reconciliation stalls (no rollout, no archiving, no backups)";
      const close = closeStore(ctx, name);
      const fixes: Fix[] = close ? fixOf(`Use ObjectStore "${close}"`, [{ file: resource.file, edit: replaceValue(resource, path, close) }], true) : [];
      ctx.report({
        range: valueRange(resource, path),
        severity: ctx.options.live ? 'error' : 'warning',
        message:
          `${ctx.options.live ? 'No' : 'This workspace has no'} ObjectStore "${name}" in ${where} (${placeOf(p)}). If it is not created, ${consequence}. ` +
          (close ? `Did you mean "${close}"?` : 'Create the ObjectStore in the same namespace as the Cluster, or correct the name.'),
        fixes,
      });
    }
  },
};

/** The one visible ObjectStore whose name is within two edits of `name`, if there is exactly one. */
function closeStore(ctx: RuleContext, name: string): string | undefined {
  const ns = ctx.resource.namespace;
  const names = new Set(
    ctx.workspace
      .ofKind('ObjectStore', ns)
      .filter((s) => s.name !== undefined && (ns === undefined || s.namespace === undefined || s.namespace === ns))
      .map((s) => s.name!),
  );
  return onlyNameNear(name, names);
}
