import { getIn, keyRange, type Resource } from '../../model/resource';
import { insertKey, removeKey } from '../../edits/text-edits';
import type { Fix, Rule } from '../types';
import { clusterPlugins, fixOf, hasInTreeStore, isBarmanPlugin, isEnabled, sourceText } from './barman';

const PATH = ['spec', 'backup', 'retentionPolicy'];

export const retentionPolicyIgnored: Rule = {
  meta: {
    id: 'retention-policy-ignored',
    title: 'retentionPolicy without in-tree barmanObjectStore is ignored',
    defaultSeverity: 'warning',
    why: 'spec.backup.retentionPolicy is only used by in-tree Barman Cloud. Without spec.backup.barmanObjectStore nothing applies it (the webhook warns), so old backups and WAL are never deleted. With the Barman Cloud Plugin the policy belongs in the ObjectStore\'s spec.retentionPolicy.',
    source: 'cnpg-facts.md §a (getRetentionPolicyWarnings), §b (Mapping: spec.backup.retentionPolicy → ObjectStore.spec.retentionPolicy); §c rule 2',
    fix: 'Move the value to the ObjectStore\'s spec.retentionPolicy (quick fix when the ObjectStore is in the workspace), then remove it from the Cluster.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const value = getIn(resource.value, PATH);
    if (value === undefined || value === null || hasInTreeStore(resource)) return;
    const removal = { file: resource.file, edit: removeKey(resource, PATH, { pruneEmptyParents: true }) };
    const barman = clusterPlugins(resource).filter((p) => isBarmanPlugin(p) && isEnabled(p));
    const storeName = barman[barman.length - 1]?.parameters?.barmanObjectName;
    const found = typeof storeName === 'string' ? ctx.workspace.find('ObjectStore', resource.namespace, storeName) : undefined;
    const store: Resource | undefined = found && !found.ambiguous ? found.resource : undefined;
    let fixes: Fix[] = fixOf('Remove the ignored retentionPolicy', [removal]);
    let advice = storeName === undefined
      ? "It has no effect on volume snapshots; remove it, or, once backups go through the Barman Cloud Plugin, set it on the ObjectStore's spec.retentionPolicy."
      : `Set it on ObjectStore ${String(storeName)}'s spec.retentionPolicy instead.`;
    if (store) {
      const existing = getIn(store.value, ['spec', 'retentionPolicy']);
      const raw = sourceText(resource, PATH);
      if (existing === undefined || existing === null) {
        advice = `Move it to ObjectStore ${store.name}'s spec.retentionPolicy.`;
        const add = { file: store.file, edit: raw === undefined ? undefined : insertKey(store, ['spec'], 'retentionPolicy', raw) };
        fixes = [...fixOf(`Move retentionPolicy to ObjectStore ${store.name}`, [add, removal], true), ...fixes];
      } else if (String(existing) === String(value)) {
        advice = `ObjectStore ${store.name} already has retentionPolicy ${String(existing)}: remove it here.`;
        fixes = fixOf(`Remove retentionPolicy (ObjectStore ${store.name} already has it)`, [removal], true);
      } else {
        advice = `ObjectStore ${store.name} has retentionPolicy ${String(existing)}, which is the one applied: remove this one, or change the ObjectStore if ${String(value)} is what you want.`;
      }
    }
    ctx.report({
      range: keyRange(resource, PATH),
      message: `spec.backup.retentionPolicy is ignored: only in-tree Barman Cloud (spec.backup.barmanObjectStore) uses it and this Cluster has none, so no backup or WAL is ever deleted because of it. ${advice}`,
      fixes,
    });
  },
};
