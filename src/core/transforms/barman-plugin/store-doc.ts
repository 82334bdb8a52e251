// The text of a new ObjectStore: the Cluster's `barmanObjectStore` block copied line for line (its
// comments, quoting, anchors and Flux `${VAR}` values intact) under `spec.configuration`, without
// `serverName` (forbidden there, cnpg-facts.md §b), plus the moved `retentionPolicy`.
import { isMap, isScalar, stringify } from 'yaml';
import { nodeAt, pairAt, type PathSegment } from '../../yaml/parse';
import { getIn, type Resource } from '../../model/resource';
import { BARMAN_GROUP } from '../../model/resource';
import { LineIndex, reindent } from '../text/lines';
import { pairSpan } from '../text/block';
import { renderScalar } from '../text/scalar';
import { producesValue } from '../text/verify';
import type { IndentStyle } from '../text/style';
import type { StorePlan } from './stores';

export const OBJECT_STORE_API_VERSION = `${BARMAN_GROUP}/v1`;

export interface StoreDocument {
  /** The document's text (no `---` marker), ending with a newline. */
  text: string;
  value: Record<string, unknown>;
}

export function objectStoreDocument(plan: StorePlan, style: IndentStyle, eol: string): StoreDocument {
  const created = plan.created!;
  const cluster = created.cluster;
  const metadata: Record<string, unknown> = { name: plan.name };
  const rawNamespace = getIn(cluster.value, ['metadata', 'namespace']);
  if (typeof rawNamespace === 'string') metadata.namespace = rawNamespace;
  const spec: Record<string, unknown> = { configuration: plan.spec.configuration };
  if (plan.spec.retentionPolicy !== undefined) spec.retentionPolicy = plan.spec.retentionPolicy;
  const value = { apiVersion: OBJECT_STORE_API_VERSION, kind: 'ObjectStore', metadata, spec };
  const copied = copiedText(cluster, plan, style, eol);
  if (copied !== undefined && producesValue(copied, value)) return { text: copied, value };
  // The block could not be copied as text (flow style, or aliases to anchors outside it): print the value.
  const text = stringify(value, { indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 }).replace(/\n/g, eol);
  return { text, value };
}

function copiedText(cluster: Resource, plan: StorePlan, style: IndentStyle, eol: string): string | undefined {
  const created = plan.created!;
  const d = cluster.document;
  const lines = new LineIndex(d.text);
  const u = style.indent;
  const pair = pairAt(d.doc, created.source.path);
  const block = nodeAt(d.doc, created.source.path);
  if (!pair || !isMap(block) || block.flow || block.items.length === 0 || !isScalar(pair.key) || !pair.key.range) return undefined;
  const span = pairSpan(lines, pair);
  const firstChild = block.items[0].key;
  if (!isScalar(firstChild) || !firstChild.range || lines.lineOf(firstChild.range[0]) === span.firstLine) return undefined;
  const childCol = lines.columnOf(firstChild.range[0]);
  // What follows `barmanObjectStore:` on its line: an anchor, a tag or a comment.
  const keyLine = lines.lineText(span.firstLine);
  const afterKey = keyLine.slice(pair.key.range[1] - lines.lineStart(span.firstLine)).replace(/^\s*:/, '');
  // Lines of the block, without the serverName pair (it becomes a plugin parameter).
  const skip = new Set<number>();
  const serverPair = pairAt(d.doc, [...created.source.path, 'serverName']);
  if (serverPair) {
    const s = pairSpan(lines, serverPair);
    for (let l = lines.lineOf(s.leadingStart); l <= s.lastLine; l++) skip.add(l);
  }
  const body: string[] = [];
  for (let l = span.firstLine + 1; l <= span.lastLine; l++) if (!skip.has(l)) body.push(lines.lineText(l));
  const leading: string[] = [];
  // The comments above an archiving block move with it; those above an external cluster's block stay on its new plugin block.
  if (span.firstOnLine && created.withLeadingComments) for (let l = lines.lineOf(span.leadingStart); l < span.firstLine; l++) leading.push(lines.lineText(l));
  const out: string[] = [
    `apiVersion: ${OBJECT_STORE_API_VERSION}`,
    'kind: ObjectStore',
    'metadata:',
    `${' '.repeat(u)}name: ${renderScalar(plan.name)}`,
  ];
  const nsNode = nodeAt(d.doc, ['metadata', 'namespace']);
  if (isScalar(nsNode) && nsNode.range && typeof nsNode.value === 'string') {
    out.push(`${' '.repeat(u)}namespace: ${d.text.slice(nsNode.range[0], nsNode.range[1])}`);
  }
  out.push('spec:');
  out.push(...reindent(leading, u - span.keyCol, u));
  out.push(`${' '.repeat(u)}configuration:${afterKey}`);
  out.push(...reindent(body, 2 * u - childCol, u + 1));
  if (created.retentionPath) out.push(...movedPair(lines, d.doc, created.retentionPath, u));
  return out.join(eol) + eol;
}

/** A pair's lines (with the comments above it) moved to column `column`. */
export function movedPair(lines: LineIndex, doc: Parameters<typeof pairAt>[0], path: PathSegment[], column: number): string[] {
  const pair = pairAt(doc, path);
  if (!pair) return [];
  const span = pairSpan(lines, pair);
  const from = span.firstOnLine ? lines.lineOf(span.leadingStart) : span.firstLine;
  const text: string[] = [];
  for (let l = from; l <= span.lastLine; l++) text.push(lines.lineText(l));
  if (!span.firstOnLine) text[0] = ' '.repeat(span.keyCol) + text[0].slice(span.keyCol);
  return reindent(text, column - span.keyCol, column);
}
