// Prints a new manifest from a plain value, with comments where people need them (a header, a line
// above a key, a trailing `# TODO`), in the indentation style of the files around it. Strings that
// Kubernetes' YAML 1.1 reader would take for something else (`on`, `yes`, `0755`) are quoted, and the
// text must read back as exactly the value, else this throws (a bug, never a wrong manifest).
import { Document, isMap, isPair, isScalar, isSeq, Scalar, visit, type Node } from 'yaml';
import type { PathSegment } from '../yaml/parse';
import { renderScalar } from './text/scalar';
import type { IndentStyle } from './text/style';
import { valueProblem } from './text/verify';

export interface NodeComment {
  path: PathSegment[];
  /** Comment lines written above the key (or sequence item). */
  above?: string[];
  /** A comment at the end of the value's line (scalar values only). */
  inline?: string;
}

export interface RenderOptions {
  style: IndentStyle;
  eol: string;
  /** Comment lines at the top of the document. */
  header?: string[];
  comments?: NodeComment[];
}

export function renderDocument(value: Record<string, unknown>, options: RenderOptions): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && renderScalar(node.value) !== node.value) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  if (options.header && options.header.length > 0) doc.commentBefore = commentText(options.header);
  for (const c of options.comments ?? []) attach(doc, c);
  const text = doc.toString({ indent: options.style.indent, indentSeq: options.style.indentSeq, lineWidth: 0 });
  const problem = valueProblem(text, value);
  if (problem !== undefined) throw new Error(`Internal error: a generated manifest does not read back (${problem}).`);
  return options.eol === '\n' ? text : text.replace(/\n/g, options.eol);
}

/** `# line` comments: the yaml package adds the `#`; a leading space keeps `# text`. */
function commentText(lines: string[]): string {
  return lines.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
}

function attach(doc: Document, c: NodeComment): void {
  const parent = c.path.length === 1 ? doc.contents : doc.getIn(c.path.slice(0, -1), true);
  const last = c.path[c.path.length - 1];
  let target: Node | undefined;
  let valueNode: unknown;
  if (typeof last === 'number' && isSeq(parent)) {
    target = parent.items[last] as Node | undefined;
    valueNode = target;
  } else if (isMap(parent)) {
    const pair = parent.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === last);
    if (pair) {
      if (!isScalar(pair.key)) pair.key = doc.createNode(pair.key) as Scalar;
      target = pair.key as Node;
      valueNode = pair.value;
    }
  }
  if (!target) throw new Error(`Internal error: no node at ${c.path.join('.')} to comment.`);
  if (c.above && c.above.length > 0) target.commentBefore = commentText(c.above);
  if (c.inline) {
    if (!isScalar(valueNode)) throw new Error(`Internal error: an inline comment needs a scalar at ${c.path.join('.')}.`);
    valueNode.comment = ` ${c.inline}`;
  }
}
