// Listing new files in a kustomization's `resources`, right after the file they belong with.
import { isScalar, isSeq, type Document } from 'yaml';
import { nodeAt } from '../../yaml/parse';
import { posix } from '../../model/paths';
import { asArray, asRecord, type Resource } from '../../model/resource';
import type { ModelFile, WorkspaceModel } from '../../model/workspace';
import type { DocEditor } from '../text/doc-editor';
import { NeedsFallback } from '../text/doc-editor';
import { editDocument, type EditOutcome } from '../text/edit-document';
import { renderLike } from '../text/scalar';
import type { IndentStyle } from '../text/style';
import { clone } from '../text/verify';

export interface NewEntry {
  /** File name relative to the kustomization's folder. */
  entry: string;
  /** The file it should follow in the list (model path), when listed. */
  after: string;
}

export function editKustomization(file: ModelFile, entries: NewEntry[], style: IndentStyle): EditOutcome {
  const document = file.parsed.documents[0];
  const dir = posix.dirname(file.path);
  const value = clone(asRecord(document.value) ?? {});
  const current = asArray(value.resources).map(String);
  const resolved = (r: string) => posix.join(dir, r);
  const prefix = current.some((r) => r.startsWith('./')) ? './' : '';
  const list = [...current];
  for (const e of entries) {
    const at = list.findIndex((r) => resolved(r) === e.after);
    const item = prefix + e.entry;
    if (at >= 0) list.splice(at + 1 + countFollowing(list, at, entries, prefix), 0, item);
    else list.push(item);
  }
  value.resources = list;
  const splice = (ed: DocEditor) => {
    const seq = nodeAt(ed.doc, ['resources']);
    const u = style.indent;
    if (!ed.pair(['resources'])) {
      const dash = ' '.repeat(style.indentSeq ? u : 0);
      ed.insertAfter([ed.lastKey([])], ['resources:', ...entries.map((e) => `${dash}- ${prefix}${e.entry}`)]);
      return;
    }
    if (!isSeq(seq) || seq.flow || seq.items.length === 0 || !seq.range) throw new NeedsFallback('resources is not a block list.');
    const dashCol = ed.lines.columnOf(seq.range[0]);
    const first = seq.items[0];
    for (const e of entries) {
      const idx = seq.items.findIndex((it) => isScalar(it) && resolved(String(it.value)) === e.after);
      const anchorItem = idx >= 0 ? seq.items[idx] : seq.items[seq.items.length - 1];
      if (!isScalar(anchorItem) || !anchorItem.range) throw new NeedsFallback('resources holds a non-scalar item.');
      const line = ed.lines.lineOf(anchorItem.range[1] > anchorItem.range[0] ? anchorItem.range[1] - 1 : anchorItem.range[0]);
      const end = ed.lines.lineEnd(line);
      const nl = end === ed.text.length && !ed.text.endsWith('\n') ? ed.eol : '';
      ed.insert(end, nl + ed.indentLines([`- ${renderLike(first, prefix + e.entry)}`], dashCol));
    }
  };
  const mutate = (doc: Document) => {
    doc.setIn(['resources'], doc.createNode(list));
  };
  return editDocument(document, style, value, splice, mutate);
}

/** New entries already placed after the same file (so several keep their order). */
function countFollowing(list: string[], at: number, entries: NewEntry[], prefix: string): number {
  const ours = new Set(entries.map((e) => prefix + e.entry));
  let n = 0;
  while (at + 1 + n < list.length && ours.has(list[at + 1 + n])) n++;
  return n;
}

/** The kustomization in the same folder as a resource, if any (from the model, or a list of files). */
export function kustomizationBeside(source: WorkspaceModel | ModelFile[], resource: Resource): ModelFile | undefined {
  const dir = posix.dirname(resource.file);
  if (Array.isArray(source)) return source.find((f) => posix.dirname(f.path) === dir && /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(f.path));
  const k = source.kustomizationFor(resource.file);
  return k && k.dir === dir ? source.getFile(k.file) : undefined;
}
