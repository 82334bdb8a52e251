import { valueRange } from '../../model/resource';
import { removeKey } from '../../edits/text-edits';
import type { Rule } from '../types';
import { clusterPlugins, fixOf, isEnabled } from './barman';

export const duplicatePlugin: Rule = {
  meta: {
    id: 'duplicate-plugin',
    title: 'Duplicate plugin entries',
    defaultSeverity: 'warning',
    why: 'When spec.plugins lists the same plugin twice, the plugin reads its configuration from the last entry (config.NewPlugin): the settings of the earlier entries are silently ignored.',
    source: 'cnpg-facts.md §c rule 11',
    fix: 'Keep one entry per plugin and merge the settings into it (quick fix removes the overridden entry).',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const enabled = clusterPlugins(resource).filter((p) => isEnabled(p) && p.name !== undefined);
    enabled.forEach((p, i) => {
      const later = enabled.slice(i + 1).find((q) => q.name === p.name);
      if (!later) return;
      const last = enabled.filter((q) => q.name === p.name).pop()!;
      ctx.report({
        range: valueRange(resource, [...p.path, 'name']),
        message:
          later === last
            ? `Plugin ${p.name} is listed again at spec.plugins[${last.path[2]}], and the last entry wins: the settings of this one are ignored. Keep one entry and merge the settings into it.`
            : `Plugin ${p.name} is listed again at spec.plugins[${later.path[2]}] and later; the last entry (spec.plugins[${last.path[2]}]) wins: the settings of this one are ignored. Keep one entry and merge the settings into it.`,
        fixes: fixOf('Remove this overridden entry', [{ file: resource.file, edit: removeKey(resource, p.path) }]),
      });
    });
  },
};
