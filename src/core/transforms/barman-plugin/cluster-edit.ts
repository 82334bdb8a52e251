// The one atomic Cluster change of the migration (cnpg-facts.md §b "Order of operations", step 3):
// remove `barmanObjectStore` and `retentionPolicy`, drop `spec.backup` when nothing else is left,
// add the barman-cloud plugin as WAL archiver, and turn external clusters' in-tree blocks into
// `plugin` blocks with an explicit serverName.
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { nodeAt, type PathSegment } from '../../yaml/parse';
import { asArray, asRecord, type Resource } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import type { DocEditor } from '../text/doc-editor';
import { NeedsFallback } from '../text/doc-editor';
import { editDocument, type EditOutcome } from '../text/edit-document';
import { renderScalar } from '../text/scalar';
import type { IndentStyle } from '../text/style';
import { clone } from '../text/verify';

export interface ServerNameText {
  value: string;
  /** `serverName: ...` with the comments above it, at column 0 (copied from the old block when explicit). */
  lines: string[];
}

export interface ClusterEditPlan {
  primary?: { storeName: string; serverName?: ServerNameText; retention: boolean; moveLeadingComments: boolean };
  externals: { index: number; storeName: string; serverName: ServerNameText; dropOnly: boolean }[];
}

const SPEC: PathSegment[] = ['spec'];
const BACKUP: PathSegment[] = ['spec', 'backup'];
const PLUGINS: PathSegment[] = ['spec', 'plugins'];
const MOVED = new Set(['barmanObjectStore', 'retentionPolicy']);

export function editCluster(cluster: Resource, plan: ClusterEditPlan, style: IndentStyle): EditOutcome {
  return editDocument(cluster.document, style, expectedValue(cluster.value, plan), (ed) => splice(ed, plan, style), (doc) => mutate(doc, plan));
}

function pluginItem(plan: NonNullable<ClusterEditPlan['primary']>): Record<string, unknown> {
  const parameters: Record<string, unknown> = { barmanObjectName: plan.storeName };
  if (plan.serverName) parameters.serverName = plan.serverName.value;
  return { name: BARMAN_PLUGIN_NAME, isWALArchiver: true, parameters };
}

function externalPlugin(e: ClusterEditPlan['externals'][number]): Record<string, unknown> {
  return { name: BARMAN_PLUGIN_NAME, parameters: { barmanObjectName: e.storeName, serverName: e.serverName.value } };
}

function expectedValue(value: Record<string, unknown>, plan: ClusterEditPlan): Record<string, unknown> {
  const v = clone(value);
  const spec = asRecord(v.spec)!;
  if (plan.primary) {
    const backup = asRecord(spec.backup)!;
    for (const k of MOVED) delete backup[k];
    if (Object.keys(backup).length === 0) delete spec.backup;
    spec.plugins = [...asArray(spec.plugins), pluginItem(plan.primary)];
  }
  for (const e of plan.externals) {
    const ext = asRecord(asArray(spec.externalClusters)[e.index])!;
    delete ext.barmanObjectStore;
    if (!e.dropOnly) ext.plugin = externalPlugin(e);
  }
  return v;
}

/** The plugin list item, "- name: ..." at column 0, content at `content` columns after the dash. */
function itemLines(primary: NonNullable<ClusterEditPlan['primary']>, content: number, u: number): string[] {
  const pad = ' '.repeat(content);
  const lines = [
    `-${' '.repeat(content - 1)}name: ${BARMAN_PLUGIN_NAME}`,
    `${pad}isWALArchiver: true`,
    `${pad}parameters:`,
    `${pad}${' '.repeat(u)}barmanObjectName: ${renderScalar(primary.storeName)}`,
  ];
  if (primary.serverName) lines.push(...primary.serverName.lines.map((l) => (l === '' ? '' : pad + ' '.repeat(u) + l)));
  return lines;
}

function splice(ed: DocEditor, plan: ClusterEditPlan, style: IndentStyle): void {
  const u = style.indent;
  if (plan.primary) splicePrimary(ed, plan.primary, style);
  for (const e of plan.externals) {
    const path: PathSegment[] = ['spec', 'externalClusters', e.index, 'barmanObjectStore'];
    if (e.dropOnly) {
      ed.removePair(path);
      continue;
    }
    const lines = [
      'plugin:',
      `${' '.repeat(u)}name: ${BARMAN_PLUGIN_NAME}`,
      `${' '.repeat(u)}parameters:`,
      `${' '.repeat(2 * u)}barmanObjectName: ${renderScalar(e.storeName)}`,
      ...e.serverName.lines.map((l) => (l === '' ? '' : ' '.repeat(2 * u) + l)),
    ];
    ed.replacePair(path, lines);
  }
}

function splicePrimary(ed: DocEditor, primary: NonNullable<ClusterEditPlan['primary']>, style: IndentStyle): void {
  const u = style.indent;
  ed.map(SPEC);
  const backup = ed.map(BACKUP);
  const remaining = backup.items.filter((p) => !(isScalar(p.key) && MOVED.has(String(p.key.value))));
  const pluginsPair = ed.pair(PLUGINS);
  const plugins = pluginsPair ? nodeAt(ed.doc, PLUGINS) : undefined;
  const newBlock = () => ['plugins:', ...itemLines(primary, 2, u).map((l) => (l === '' ? '' : ' '.repeat(style.indentSeq ? u : 0) + l))];
  // Comments above the moved keys go with them into a new ObjectStore; with a reused store they stay in the Cluster.
  const kept = primary.moveLeadingComments ? [] : movedComments(ed);
  const removeMoved = () => {
    for (const key of MOVED) if (ed.pair([...BACKUP, key])) ed.removePair([...BACKUP, key], primary.moveLeadingComments);
  };
  const dropBackup = (replacement: string[]) => {
    if (replacement.length > 0) ed.replacePair(BACKUP, replacement);
    else ed.removePair(BACKUP);
  };
  if (pluginsPair && isSeq(plugins) && !plugins.flow && plugins.items.length > 0 && plugins.range) {
    // Append to the existing list, in its own layout.
    const dashCol = ed.lines.columnOf(plugins.range[0]);
    const first = plugins.items[0];
    const firstStart = isMap(first) && first.range ? first.range[0] : undefined;
    const content = firstStart !== undefined && ed.lines.lineOf(firstStart) === ed.lines.lineOf(plugins.range[0]) ? ed.lines.columnOf(firstStart) - dashCol : 2;
    const end = seqEnd(ed, plugins.range[0], dashCol);
    ed.insert(end, (end === ed.text.length && !ed.text.endsWith('\n') ? ed.eol : '') + ed.indentLines(itemLines(primary, Math.max(2, content), u), dashCol));
    if (remaining.length === 0) dropBackup(kept);
    else removeMoved();
    return;
  }
  if (pluginsPair) {
    // `plugins:` with no value or `plugins: []`: write the list in its place.
    if (plugins !== undefined && plugins !== null && !(isSeq(plugins) && plugins.items.length === 0) && !(isScalar(plugins) && plugins.value === null)) {
      throw new NeedsFallback('spec.plugins is written in flow style.');
    }
    ed.replacePair(PLUGINS, newBlock());
    if (remaining.length === 0) dropBackup(kept);
    else removeMoved();
    return;
  }
  if (remaining.length === 0) {
    ed.replacePair(BACKUP, [...kept, ...newBlock()]);
    return;
  }
  removeMoved();
  ed.insertAfter(BACKUP, newBlock());
}

/** The comment lines directly above the moved keys, without their indentation. */
function movedComments(ed: DocEditor): string[] {
  const out: string[] = [];
  for (const key of MOVED) {
    const path = [...BACKUP, key];
    if (!ed.pair(path)) continue;
    const span = ed.span(path);
    for (let l = ed.lines.lineOf(span.leadingStart); l < span.firstLine; l++) out.push(ed.lines.lineText(l).trimStart());
  }
  return out;
}

/** End of a block sequence whose first dash is at `start`: the line after its last item's last line. */
function seqEnd(ed: DocEditor, start: number, dashCol: number): number {
  const lines = ed.lines;
  let last = lines.lineOf(start);
  for (let l = last + 1; l < lines.lineCount; l++) {
    if (lines.lineStart(l) >= lines.text.length) break;
    if (lines.isBlank(l)) continue;
    const indent = lines.indentOf(l);
    const isDash = indent === dashCol && /^-(\s|$)/.test(lines.lineText(l).slice(indent));
    if (indent < dashCol || (indent === dashCol && !isDash)) break;
    last = l;
  }
  return lines.lineEnd(last);
}

function mutate(doc: Document, plan: ClusterEditPlan): void {
  if (plan.primary) {
    for (const k of MOVED) doc.deleteIn([...BACKUP, k]);
    const backup = doc.getIn(BACKUP);
    if (isMap(backup) && backup.items.length === 0) doc.deleteIn(BACKUP);
    const plugins = doc.getIn(PLUGINS);
    const item = doc.createNode(pluginItem(plan.primary));
    if (isSeq(plugins)) plugins.items.push(item);
    else doc.setIn(PLUGINS, doc.createNode([pluginItem(plan.primary)]));
  }
  for (const e of plan.externals) {
    const base: PathSegment[] = ['spec', 'externalClusters', e.index];
    doc.deleteIn([...base, 'barmanObjectStore']);
    if (!e.dropOnly) doc.setIn([...base, 'plugin'], doc.createNode(externalPlugin(e)));
  }
}
