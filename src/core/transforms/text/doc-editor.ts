// Format-preserving edits of one YAML document's text. Every change is a splice of the original
// text (remove a pair's lines, insert new lines, replace one scalar), so comments, quoting, anchors,
// blank lines and key order outside the touched pairs stay byte-for-byte as they were. Anything this
// cannot do by splicing (flow collections on the path) throws NeedsFallback.
import { isMap, isPair, isScalar, isSeq, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { nodeAt, pairAt, type PathSegment } from '../../yaml/parse';
import { LineIndex } from './lines';
import { pairSpan, SpanError, type PairSpan } from './block';
import { renderLike } from './scalar';
import type { IndentStyle } from './style';

export class NeedsFallback extends Error {}

interface Splice {
  start: number;
  end: number;
  text: string;
  order: number;
}

export class DocEditor {
  readonly lines: LineIndex;
  readonly eol: string;
  private readonly splices: Splice[] = [];

  constructor(
    readonly text: string,
    readonly doc: Document.Parsed,
    readonly style: IndentStyle,
  ) {
    this.lines = new LineIndex(text);
    this.eol = this.lines.eol;
  }

  pair(path: readonly PathSegment[]): Pair | undefined {
    return pairAt(this.doc, path);
  }

  /** The block mapping at a path ([] is the document's root). */
  map(path: readonly PathSegment[]): YAMLMap {
    const node = path.length === 0 ? this.doc.contents : nodeAt(this.doc, path);
    if (!isMap(node)) throw new NeedsFallback(`No mapping at ${path.join('.')}.`);
    if (node.flow) throw new NeedsFallback(`The mapping at ${path.join('.')} is written in flow style.`);
    return node;
  }

  seq(path: readonly PathSegment[]): YAMLSeq | undefined {
    const node = nodeAt(this.doc, path);
    return isSeq(node) ? node : undefined;
  }

  span(path: readonly PathSegment[]): PairSpan {
    const pair = this.pair(path);
    if (!pair) throw new NeedsFallback(`No key at ${path.join('.')}.`);
    // The pair must belong to a block mapping for line-based spans to hold.
    this.map(path.slice(0, -1));
    try {
      return pairSpan(this.lines, pair);
    } catch (e) {
      if (e instanceof SpanError) throw new NeedsFallback(e.message);
      throw e;
    }
  }

  /** Column of the keys of the block mapping at a path. */
  keyColumn(path: readonly PathSegment[]): number {
    const map = this.map(path);
    const first = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.range);
    if (!first || !isScalar(first.key) || !first.key.range) throw new NeedsFallback(`Empty mapping at ${path.join('.')}.`);
    return this.lines.columnOf(first.key.range[0]);
  }

  /** Last pair of a block mapping. */
  lastKey(path: readonly PathSegment[]): string {
    const map = this.map(path);
    const last = map.items[map.items.length - 1];
    if (!last || !isPair(last) || !isScalar(last.key)) throw new NeedsFallback(`Empty mapping at ${path.join('.')}.`);
    return String(last.key.value);
  }

  replace(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text, order: this.splices.length });
  }

  insert(offset: number, text: string): void {
    this.replace(offset, offset, text);
  }

  /** Lines of text (relative indentation) placed at a column, each ending with the document's newline. */
  indentLines(lines: readonly string[], column: number): string {
    return lines.map((l) => (l === '' ? '' : ' '.repeat(column) + l) + this.eol).join('');
  }

  /** Removes a pair's lines (and, with `withLeading`, the comments directly above it). */
  removePair(path: readonly PathSegment[], withLeading = false): PairSpan {
    const span = this.span(path);
    if (!span.firstOnLine) throw new NeedsFallback(`${path.join('.')} starts a sequence item.`);
    const start = withLeading ? span.leadingStart : span.start;
    let end = span.end;
    // Removing a block between two blank lines would leave two blank lines: drop one.
    const before = this.lines.lineOf(start) - 1;
    if (before >= 0 && this.lines.isBlank(before) && span.lastLine + 1 < this.lines.lineCount && end < this.text.length && this.lines.isBlank(span.lastLine + 1)) {
      end = this.lines.lineEnd(span.lastLine + 1);
    }
    this.replace(start, end, '');
    return span;
  }

  /** Replaces a pair (key and value) by new lines written at the pair's column. */
  replacePair(path: readonly PathSegment[], lines: readonly string[]): PairSpan {
    const span = this.span(path);
    let text = this.indentLines(lines, span.keyCol);
    if (!span.firstOnLine) text = text.slice(span.keyCol);
    this.replace(span.start, span.end, text);
    return span;
  }

  /** Inserts new lines after a pair of a block mapping (or at its end), at that pair's column. */
  insertAfter(path: readonly PathSegment[], lines: readonly string[]): void {
    const span = this.span(path);
    this.insert(span.end, this.newlineIfNeeded(span.end) + this.indentLines(lines, span.keyCol));
  }

  /** Sets a scalar value, keeping its quoting style; the key must exist. */
  setScalar(path: readonly PathSegment[], value: string): void {
    const pair = this.pair(path);
    const node = pair?.value;
    if (!isScalar(node) || !node.range) throw new NeedsFallback(`No scalar at ${path.join('.')}.`);
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') throw new NeedsFallback(`Block scalar at ${path.join('.')}.`);
    this.replace(node.range[0], node.range[1], renderLike(node, value));
  }

  result(): string {
    const sorted = [...this.splices].sort((a, b) => a.start - b.start || a.order - b.order);
    let out = '';
    let pos = 0;
    for (const s of sorted) {
      if (s.start < pos) throw new Error('Internal error: overlapping edits of one document.');
      out += this.text.slice(pos, s.start) + s.text;
      pos = Math.max(pos, s.end);
    }
    return out + this.text.slice(pos);
  }

  private newlineIfNeeded(offset: number): string {
    return offset === this.text.length && this.text.length > 0 && !this.text.endsWith('\n') ? this.eol : '';
  }
}
