// The style to write new text in for a document: what the document shows, else its file, else its folder.
import type { WorkspaceModel } from '../../model/workspace';
import { posix } from '../../model/paths';
import type { ParsedDocument } from '../../yaml/parse';
import { combineStyles, detectStyle, type IndentStyle } from './style';

const cache = new WeakMap<ParsedDocument, ReturnType<typeof detectStyle>>();

function styleOfDocument(d: ParsedDocument): ReturnType<typeof detectStyle> {
  let s = cache.get(d);
  if (!s) cache.set(d, (s = detectStyle(d.doc, d.text)));
  return s;
}

export function styleFor(model: WorkspaceModel, file: string, document: ParsedDocument): IndentStyle {
  const candidates = [styleOfDocument(document)];
  const own = model.getFile(file);
  for (const d of own?.parsed.documents ?? []) if (d !== document) candidates.push(styleOfDocument(d));
  const dir = posix.dirname(file);
  for (const f of model.allFiles()) {
    if (f.path === own?.path || posix.dirname(f.path) !== dir) continue;
    for (const d of f.parsed.documents) candidates.push(styleOfDocument(d));
  }
  return combineStyles(candidates);
}
