// The last resort when a document cannot be edited by splicing (flow collections on the edited path):
// edit the yaml Document and print it again in the file's indentation style. Comments survive; the
// layout of that one document may change, which is why this is only a fallback.
import { parseDocument, type Document } from 'yaml';
import type { IndentStyle } from './style';

export function fallbackEdit(text: string, style: IndentStyle, mutate: (doc: Document) => void): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`The document has YAML errors: ${doc.errors[0].message.split('\n')[0]}`);
  mutate(doc);
  // Keep the user's flow spacing ("{a: 1}" or "{ a: 1 }").
  const flowCollectionPadding = /[{[] [^\s}\]]/.test(text) && !/[{[][^\s}\]#]/.test(text);
  let out = doc.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0, flowCollectionPadding });
  // Keep the blank lines that separated this document from the next one.
  const trailing = /(\r?\n)*$/.exec(text)?.[0] ?? '';
  out = out.replace(/(\r?\n)*$/, '') + (trailing || '\n');
  return out;
}
