// One document edit with its safety net: splice the text, check that it reads back as the intended
// value, else redo the change through the yaml Document API, else report why it could not be done.
import type { Document } from 'yaml';
import { DocEditor, NeedsFallback } from './doc-editor';
import { fallbackEdit } from './fallback';
import type { IndentStyle } from './style';
import { valueProblem } from './verify';

export type EditOutcome = { text: string; fallback: boolean } | { problem: string };

export function editDocument(
  source: { text: string; doc: Document.Parsed },
  style: IndentStyle,
  expected: unknown,
  splice: (ed: DocEditor) => void,
  mutate: (doc: Document) => void,
): EditOutcome {
  let problem: string | undefined;
  try {
    const ed = new DocEditor(source.text, source.doc, style);
    splice(ed);
    const text = ed.result();
    problem = valueProblem(text, expected);
    if (problem === undefined) return { text, fallback: false };
  } catch (e) {
    if (!(e instanceof NeedsFallback)) throw e;
    problem = e.message;
  }
  try {
    const text = fallbackEdit(source.text, style, mutate);
    const again = valueProblem(text, expected);
    if (again === undefined) return { text, fallback: true };
    problem = again;
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  return { problem };
}
