import { getIn, valueRange } from '../../model/resource';
import { insertKey, replaceValue } from '../../edits/text-edits';
import type { Rule } from '../types';
import { clusterPlugins, fixOf, hasInTreeStore, hasUnknownArchiverFlags, isBarmanPlugin, isEnabled, walArchivers } from './barman';

export const pluginNotWalArchiver: Rule = {
  meta: {
    id: 'plugin-not-wal-archiver',
    title: 'Barman Cloud Plugin is not the WAL archiver',
    defaultSeverity: 'warning',
    why: 'Without isWALArchiver: true the plugin still archives through a compatibility path, but the operator treats the cluster as having no WAL archiver: switchover deadlock avoidance, replica-from-backup eligibility, the missing-sidecar check and metrics ignore it.',
    source: 'cnpg-facts.md §a (isWALArchiver also gates …); §c rule 6',
    fix: 'Set isWALArchiver: true on the Barman Cloud Plugin entry (quick fix "Set isWALArchiver: true").',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    if (hasInTreeStore(resource) || walArchivers(resource).length > 0 || hasUnknownArchiverFlags(resource)) return;
    const barman = clusterPlugins(resource).filter((p) => isBarmanPlugin(p) && isEnabled(p));
    // With duplicate entries the last one wins (duplicate-plugin reports the others).
    const p = barman[barman.length - 1];
    if (!p) return;
    const explicitFalse = getIn(resource.value, [...p.path, 'isWALArchiver']) === false;
    const edit = explicitFalse ? replaceValue(resource, [...p.path, 'isWALArchiver'], true) : insertKey(resource, p.path, 'isWALArchiver', 'true');
    ctx.report({
      range: explicitFalse ? valueRange(resource, [...p.path, 'isWALArchiver']) : valueRange(resource, [...p.path, 'name']),
      message:
        `The Barman Cloud Plugin is ${explicitFalse ? 'set to isWALArchiver: false' : 'enabled without isWALArchiver: true'} and no other plugin archives WAL. ` +
        'It still archives through a compatibility path, but the operator treats this cluster as having no WAL archiver: switchover deadlock avoidance, replicas bootstrapped from backups and the missing-sidecar check ignore it. Set isWALArchiver: true.',
      fixes: fixOf('Set isWALArchiver: true', [{ file: resource.file, edit }], true),
    });
  },
};
