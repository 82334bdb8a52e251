// Backups and ScheduledBackups of a migrated Cluster: `method: plugin` with the barman-cloud plugin.
// The CRD default method is barmanObjectStore, so an unset method must be written too (cnpg-facts.md
// §a "Backup methods"); volumeSnapshot backups keep working and are left alone.
import { isMap, isScalar, type Document } from 'yaml';
import { nodeAt, type PathSegment } from '../../yaml/parse';
import { asRecord, getIn, isSubstituted, type Resource } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import type { DocEditor } from '../text/doc-editor';
import { NeedsFallback } from '../text/doc-editor';
import { editDocument, type EditOutcome } from '../text/edit-document';
import type { IndentStyle } from '../text/style';
import { clone } from '../text/verify';

const SPEC: PathSegment[] = ['spec'];
const METHOD: PathSegment[] = ['spec', 'method'];
const CONFIG: PathSegment[] = ['spec', 'pluginConfiguration'];

/** Whether a backup of the cluster needs switching, and why not when it does not. */
export function backupNeedsSwitch(backup: Resource): 'switch' | 'snapshot' | 'done' | 'substituted' {
  const method = getIn(backup.value, METHOD);
  if (isSubstituted(method)) return 'substituted';
  if (method === 'volumeSnapshot') return 'snapshot';
  if (method === 'plugin') return getIn(backup.value, [...CONFIG, 'name']) === undefined ? 'switch' : 'done';
  return 'switch';
}

export function editBackup(backup: Resource, style: IndentStyle): EditOutcome {
  const expected = clone(backup.value);
  const spec = asRecord(expected.spec)!;
  spec.method = 'plugin';
  spec.pluginConfiguration = { ...(asRecord(spec.pluginConfiguration) ?? {}), name: BARMAN_PLUGIN_NAME };
  return editDocument(backup.document, style, expected, (ed) => splice(ed, style), mutate);
}

function splice(ed: DocEditor, style: IndentStyle): void {
  const u = ' '.repeat(style.indent);
  ed.map(SPEC);
  const methodPair = ed.pair(METHOD);
  const configPair = ed.pair(CONFIG);
  const config = nodeAt(ed.doc, CONFIG);
  const configLines = ['pluginConfiguration:', `${u}name: ${BARMAN_PLUGIN_NAME}`];
  let configDone = false;
  if (configPair) {
    if (isMap(config) && !config.flow && config.items.length > 0) {
      if (ed.pair([...CONFIG, 'name'])) ed.setScalar([...CONFIG, 'name'], BARMAN_PLUGIN_NAME);
      else ed.insertAfter([...CONFIG, ed.lastKey(CONFIG)], [`name: ${BARMAN_PLUGIN_NAME}`]);
    } else if ((isMap(config) && config.items.length === 0) || config === null || (isScalar(config) && config.value === null)) {
      ed.replacePair(CONFIG, configLines);
    } else {
      throw new NeedsFallback('spec.pluginConfiguration is written in flow style.');
    }
    configDone = true;
  }
  const extra = configDone ? [] : configLines;
  if (methodPair) {
    ed.setScalar(METHOD, 'plugin');
    if (extra.length > 0) ed.insertAfter(METHOD, extra);
    return;
  }
  // No method: write it (and the plugin configuration) after `cluster:`, or at the end of spec.
  const after = ed.pair([...SPEC, 'cluster']) ? 'cluster' : ed.lastKey(SPEC);
  ed.insertAfter([...SPEC, after], ['method: plugin', ...extra]);
}

function mutate(doc: Document): void {
  doc.setIn(METHOD, 'plugin');
  doc.setIn([...CONFIG, 'name'], BARMAN_PLUGIN_NAME);
}
