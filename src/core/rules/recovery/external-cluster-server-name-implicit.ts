import { asRecord, asString, getIn, isSubstituted, keyRange } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import { formatScalar } from '../../edits/scalars';
import { insertKey, replaceValue } from '../../edits/text-edits';
import { externalClusterNamed } from '../../cnpg/archive';
import type { Rule } from '../types';
import { fixOf } from '../backup/barman';
import { archiveIntoSource } from './locations';

/** Where an external cluster's plugin block is read from (cnpg-facts.md §b Parameters). */
const READERS: { path: string[]; what: string }[] = [
  { path: ['spec', 'bootstrap', 'recovery', 'source'], what: 'the recovery' },
  { path: ['spec', 'replica', 'source'], what: 'replica WAL restore' },
];

export const externalClusterServerNameImplicit: Rule = {
  meta: {
    id: 'external-cluster-server-name-implicit',
    title: 'Plugin external cluster without serverName',
    defaultSeverity: 'warning',
    why: 'In externalClusters[].plugin, the Barman Cloud Plugin defaults serverName to the RESTORING Cluster\'s own name, not to the external cluster\'s name as in-tree barmanObjectStore did. A recovery or replica that relied on the old default looks in <destinationPath>/<new cluster name>/ and likely finds no backup.',
    source: 'cnpg-facts.md §b (serverName defaults; Mapping: serverName: <old serverName or external-cluster name>); §c rule 20',
    fix: 'Write parameters.serverName: the source cluster\'s serverName (quick fix: the in-tree serverName of the same entry, else the external cluster\'s name).',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    // When the default makes the cluster restore from its own archive folder, recovery-archives-into-source explains it.
    if (archiveIntoSource(ctx, resource)) return;
    const seen = new Set<string>();
    for (const reader of READERS) {
      const name = asString(getIn(resource.value, reader.path));
      if (name === undefined || name === '' || isSubstituted(name) || seen.has(name)) continue;
      const ext = externalClusterNamed(resource, name);
      const plugin = asRecord(ext?.value.plugin);
      if (!ext || !plugin || plugin.name !== BARMAN_PLUGIN_NAME || plugin.enabled === false) continue;
      const params = asRecord(plugin.parameters);
      if (params?.serverName !== undefined && params.serverName !== null && params.serverName !== '') continue;
      // The default is the restoring cluster's name; when that is the external cluster's name too, both readings agree.
      if (resource.name === name) continue;
      seen.add(name);
      const inTree = asString(getIn(ext.value, ['barmanObjectStore', 'serverName']));
      const value = inTree !== undefined && inTree !== '' && !isSubstituted(inTree) ? inTree : name;
      const base = ['spec', 'externalClusters', ext.index, 'plugin'];
      const edit =
        params && 'serverName' in params
          ? replaceValue(resource, [...base, 'parameters', 'serverName'], value)
          : insertKey(resource, [...base, 'parameters'], 'serverName', formatScalar(value, 'PLAIN', false));
      const own = resource.name ? `this Cluster's own name "${resource.name}"` : "this Cluster's own name";
      ctx.report({
        range: keyRange(resource, params ? [...base, 'parameters'] : base),
        message: `External cluster "${name}" (used by ${reader.what}) has no parameters.serverName, so the Barman Cloud Plugin looks for its backups under ${own}, not under "${name}" as in-tree barmanObjectStore did. The backups are likely not found. Write serverName: the name the source cluster archived under${value !== name ? ` ("${value}", from its barmanObjectStore)` : ` (often "${name}")`}.`,
        fixes: fixOf(`Add serverName: ${value}`, [{ file: resource.file, edit }], true),
      });
    }
  },
};
