// The style to write new text in for a document: what the document shows, else its file, else its
// folder. One StyleScope serves one transform run (the workspace does not change during it).
import type { ModelFile, WorkspaceModel } from '../../model/workspace';
import { posix } from '../../model/paths';
import type { ParsedDocument } from '../../yaml/parse';
import { combineStyles, detectStyle, type IndentStyle } from './style';

const cache = new WeakMap<ParsedDocument, ReturnType<typeof detectStyle>>();

function styleOfDocument(d: ParsedDocument): ReturnType<typeof detectStyle> {
  let s = cache.get(d);
  if (!s) cache.set(d, (s = detectStyle(d.doc, d.text)));
  return s;
}

export class StyleScope {
  private byDir: Map<string, ModelFile[]> | undefined;

  constructor(private readonly model: WorkspaceModel) {}

  styleFor(file: string, document: ParsedDocument): IndentStyle {
    const candidates = [styleOfDocument(document)];
    const own = this.model.getFile(file);
    for (const d of own?.parsed.documents ?? []) if (d !== document) candidates.push(styleOfDocument(d));
    for (const f of this.filesIn(posix.dirname(own?.path ?? file))) {
      if (f === own) continue;
      for (const d of f.parsed.documents) candidates.push(styleOfDocument(d));
    }
    return combineStyles(candidates);
  }

  private filesIn(dir: string): ModelFile[] {
    if (!this.byDir) {
      this.byDir = new Map();
      for (const f of this.model.allFiles()) {
        const d = posix.dirname(f.path);
        const list = this.byDir.get(d) ?? [];
        list.push(f);
        this.byDir.set(d, list);
      }
    }
    return this.byDir.get(dir) ?? [];
  }
}

/** The style for one document (a one-off StyleScope). */
export function styleFor(model: WorkspaceModel, file: string, document: ParsedDocument): IndentStyle {
  return new StyleScope(model).styleFor(file, document);
}
