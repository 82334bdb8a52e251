// Parses a YAML file into documents that keep their source positions.
// A file is split at its document markers first, and each piece is parsed on its own, so that an
// edit re-parses only the document it touched (the cache below keys pieces by their text).
import { Composer, Parser, parseDocument, isMap, isSeq, isScalar, isPair, isNode } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { Range } from './positions';
import { MAX_NESTING, mayNestDeeply, nestingDepth } from './depth';
import { hasContent, isMarkerAt, splitDocuments, splitRange, type DocumentChunk, type RangeSplit } from './split';
import { fastRead, locateFast, type FastTree, type Location } from './fast';

export type { Location } from './fast';

/** Caps that keep a hostile file (alias bombs) from exhausting memory. */
export const PARSE_LIMITS = { maxAliasCount: 100 };

export interface YamlProblem {
  message: string;
  range: Range;
}

/**
 * One YAML document of a file, with the means to turn its node offsets into file positions.
 * After an edit the file's untouched documents are the same objects, moved to their new place
 * (`index`, `fileOffset`, `fileLine`), so caches keyed by document survive an edit elsewhere.
 */
export interface ParsedDocument {
  readonly index: number;
  /** Identifies the parse this document came from: equal ids mean equal text. */
  readonly parseId: number;
  readonly doc: Document.Parsed;
  /** The document's text exactly as in the file. */
  readonly text: string;
  /** Offset and line of the document's first character in the file. */
  readonly fileOffset: number;
  readonly fileLine: number;
  /** Plain JS value, or undefined when the document has errors. */
  readonly value: unknown;
  readonly errors: YamlProblem[];
  /** Cheap check before `errors` (which builds ranges): true when the document has any. */
  readonly hasErrors: boolean;
  /** The text mentions a `cnpg-lint-disable` directive (read once per document, not per lint). */
  readonly mayHoldDirective: boolean;
  /** File range of document-local offsets [start, end). */
  rangeOf(start: number, end: number): Range;
  /**
   * Document-local offsets of the node at a path and of the key naming it, as `nodeAt` and
   * `pairAt` on `doc` give them, without composing `doc` when the fast reader read the document.
   */
  locate(path: readonly PathSegment[]): Location | undefined;
}

export interface ParsedFile {
  readonly text: string;
  readonly documents: ParsedDocument[];
  /** True when the file holds Helm template syntax and must not be analysed. */
  readonly isTemplate: boolean;
}

/**
 * How documents the fast reader declines are composed. `merge`: kubectl (go-yaml v2) and Kustomize
 * or Flux (go-yaml v3) expand `<<` merge keys, so the value the rules see must have them expanded.
 * logLevel 'error': yaml's warnings (e.g. collection keys) would go to process warnings, stderr.
 */
const COMPOSE_OPTIONS = { uniqueKeys: true, merge: true, logLevel: 'error' } as const;

/** The prefix of the suppression comments (src/core/lint/suppress.ts). */
const LINT_DIRECTIVE = 'cnpg-lint-disable';

const HELM_TEMPLATE = /\{\{[-\s.$a-zA-Z]/;

let nextParseId = 1;

class Piece implements ParsedDocument {
  readonly parseId = nextParseId++;
  value: unknown;
  /** The composed Document: made at once when the fast reader declined, else on first use. */
  private composed: Document.Parsed | undefined;
  /** Node offsets from the fast reader, when it read this document. */
  private readonly fast: FastTree | undefined;
  /** Offsets where lines start, made on first use (yaml's LineCounter misses lines in some broken input). */
  private starts: number[] | undefined;
  private readonly problems: { message: string; start: number; end: number }[] = [];
  private contentFlag: boolean | undefined;
  private directiveFlag: boolean | undefined;

  constructor(
    readonly text: string,
    public index: number,
    public fileOffset: number,
    public fileLine: number,
  ) {
    // The common case: a plain manifest the fast reader reads fully, with yaml's value and offsets.
    // It reads only documents yaml reads without errors, so there is nothing to report.
    const fast = fastRead(text);
    if (fast) {
      this.fast = fast.tree;
      this.value = fast.value;
      return;
    }
    this.readWithYaml();
  }

  /** The Document, composed by the yaml package (transforms, quick fixes and a few rules use it). */
  get doc(): Document.Parsed {
    return (this.composed ??= composeOne(this.text));
  }

  /** Whether the piece holds a document at all (a piece with no tokens has none). */
  get present(): boolean {
    return this.fast !== undefined || this.composed !== undefined;
  }

  locate(path: readonly PathSegment[]): Location | undefined {
    if (this.fast) return locateFast(this.fast, path);
    const doc = this.composed;
    if (!doc) return undefined;
    const loc: Location = {};
    const node = nodeAt(doc, path);
    const offsets = nodeOffsets(node);
    if (offsets) {
      loc.start = offsets[0];
      loc.end = offsets[1];
      loc.plain = isScalar(node) && node.type === 'PLAIN';
    }
    const key = typeof path[path.length - 1] === 'string' ? nodeOffsets(pairAt(doc, path)?.key) : undefined;
    if (key) {
      loc.keyStart = key[0];
      loc.keyEnd = key[1];
    }
    return offsets || key ? loc : undefined;
  }

  /** What parseAllDocuments does, with a look at the token tree before composing it. */
  private readWithYaml(): void {
    const text = this.text;
    const tokens = [...new Parser().parse(text)];
    if (mayNestDeeply(text) && nestingDepth(tokens) > MAX_NESTING) {
      this.composed = parseDocument('');
      const start = tokens.find((t) => t.type !== 'comment' && t.type !== 'newline' && t.type !== 'space')?.offset ?? 0;
      this.problems.push({ message: `This document nests deeper than ${MAX_NESTING} levels; it is not read`, start, end: start + 1 });
      return;
    }
    const list = Array.from(new Composer(COMPOSE_OPTIONS).compose(tokens));
    // A piece normally holds one document; the errors of any extra one are reported on it too.
    const doc = (this.composed = list.find((d) => d.contents !== null) ?? list[0]);
    for (const d of list) {
      for (const e of d.errors) this.problems.push({ message: e.message.split('\n')[0], start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) });
    }
    // Nesting deep enough to exhaust the parser's stack: where that happens depends on the stack
    // in use, so say it once, at the document's start, the same way every time.
    if (list.some((d) => d.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION'))) {
      const start = doc?.contents?.range?.[0] ?? 0;
      this.problems.splice(0, this.problems.length, { message: 'This document nests too deeply to be read', start, end: start + 1 });
    }
    if (doc && this.problems.length === 0) {
      try {
        this.value = doc.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.problems.push({ message: `Cannot read this document: ${message}`, start: doc.range[0], end: doc.range[0] + 1 });
      }
    }
  }

  get hasErrors(): boolean {
    return this.problems.length > 0;
  }

  get mayHoldDirective(): boolean {
    return (this.directiveFlag ??= this.text.includes(LINT_DIRECTIVE));
  }

  get errors(): YamlProblem[] {
    if (this.problems.length === 0) return [];
    return this.problems.map((e) => ({ message: e.message, range: this.rangeOf(e.start, e.end) }));
  }

  /** Line breaks in the text: the document after this one starts that many lines further. */
  get newlines(): number {
    return this.lineStarts().length - 1;
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  /** Zero-based line and character of a document-local offset. */
  private position(offset: number): { line: number; character: number } {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  /** Holds more than markers, comments and blank lines (only then does a following `---` start a new document). */
  get hasContent(): boolean {
    return (this.contentFlag ??= hasContent(this.text));
  }

  rangeOf(start: number, end: number): Range {
    const clamp = (o: number) => Math.min(Math.max(0, o), this.text.length);
    const s = this.position(clamp(start));
    const e = this.position(clamp(Math.max(start, end)));
    return { start: { line: s.line + this.fileLine, character: s.character }, end: { line: e.line + this.fileLine, character: e.character } };
  }
}

/** Parses a file; with `previous`, documents whose text is unchanged are reused, not re-parsed. */
export function parseYamlFile(text: string, previous?: ParsedFile): ParsedFile {
  const pieces = previous && !previous.isTemplate && text.length > 0 ? contiguousPieces(previous) : undefined;
  if (pieces) return reparse(text, previous!.text, pieces);
  if (HELM_TEMPLATE.test(text)) return { text, documents: [], isTemplate: true };
  const reuse = new Map<string, Piece[]>();
  for (const d of previous?.documents ?? []) {
    if (!(d instanceof Piece)) continue;
    const list = reuse.get(d.text);
    if (list) list.push(d);
    else reuse.set(d.text, [d]);
  }
  return { text, documents: place(splitDocuments(text), reuse, []), isTemplate: false };
}

/** Turns chunks into documents, reusing pieces of equal text, after the documents already in `documents`. */
function place(chunks: DocumentChunk[], reuse: Map<string, Piece[]>, documents: ParsedDocument[]): ParsedDocument[] {
  for (const chunk of chunks) {
    let piece = reuse.get(chunk.text)?.shift();
    if (piece) {
      piece.index = documents.length;
      piece.fileOffset = chunk.offset;
      piece.fileLine = chunk.line;
    } else {
      piece = new Piece(chunk.text, documents.length, chunk.offset, chunk.line);
    }
    if (piece.present) documents.push(piece);
  }
  return documents;
}

/** The previous file's documents when they cover its text end to end (the incremental path needs that). */
function contiguousPieces(previous: ParsedFile): Piece[] | undefined {
  const docs = previous.documents;
  let offset = 0;
  for (const d of docs) {
    if (!(d instanceof Piece) || d.fileOffset !== offset) return undefined;
    offset += d.text.length;
  }
  return docs.length > 0 && offset === previous.text.length ? (docs as Piece[]) : undefined;
}

/**
 * Re-splits only the documents an edit touched. The unchanged documents before the edit (same
 * text at the same offset) and after it (same text, shifted by the length change) are kept as they
 * are, and the region between is split anew, widened until its ends are places where a full split
 * would cut too. The work is proportional to the edited documents, plus cheap native compares.
 */
function reparse(text: string, prevText: string, docs: Piece[]): ParsedFile {
  const delta = text.length - prevText.length;
  const startOf = (i: number) => (i < docs.length ? docs[i].fileOffset : prevText.length);
  // Documents [i, j) are unchanged when their old text is found `shift` characters later in the new
  // text. Slices compared with === are a native memory compare (startsWith goes character by
  // character), and runs of documents are compared at once, doubling while they match.
  const same = (i: number, j: number, shift: number) => {
    const from = docs[i].fileOffset;
    const to = docs[j - 1].fileOffset + docs[j - 1].text.length;
    return from + shift >= 0 && text.slice(from + shift, to + shift) === prevText.slice(from, to);
  };
  let a = 0;
  for (let step = 1; a < docs.length; ) {
    const j = Math.min(docs.length, a + step);
    if (same(a, j, 0)) {
      a = j;
      step *= 2;
    } else if (step === 1) break;
    else step >>= 1;
  }
  let b = docs.length;
  for (let step = 1; b > a; ) {
    const i = Math.max(a, b - step);
    if (docs[i].fileOffset + delta >= startOf(a) && same(i, b, delta)) {
      b = i;
      step *= 2;
    } else if (step === 1) break;
    else step >>= 1;
  }
  let split: RangeSplit;
  let midStart: number;
  let midEnd: number;
  for (;;) {
    midStart = startOf(a);
    midEnd = b < docs.length ? docs[b].fileOffset + delta : text.length;
    // A full split cuts before a `---` line that follows a document with content: only there may the kept documents end...
    if (a > 0 && midStart < text.length && !(docs[a - 1].hasContent && text.charCodeAt(midStart - 1) === 10 && isMarkerAt(text, midStart))) {
      a--;
      continue;
    }
    split = splitRange(text, midStart, midEnd, a > 0 ? docs[a - 1].fileLine + docs[a - 1].newlines : 0);
    // ...and the kept documents after the edit begin.
    if (b < docs.length && midEnd > 0) {
      const contentBefore = midStart < midEnd ? split.lastHasContent : docs[a - 1].hasContent;
      if (!(contentBefore && text.charCodeAt(midEnd - 1) === 10 && isMarkerAt(text, midEnd))) {
        b++;
        continue;
      }
    }
    break;
  }
  const window = text.slice(Math.max(0, midStart - 2), Math.min(text.length, midEnd + 2));
  if (HELM_TEMPLATE.test(window)) return { text, documents: [], isTemplate: true };
  const reuse = new Map<string, Piece[]>();
  for (let i = a; i < b; i++) {
    const list = reuse.get(docs[i].text);
    if (list) list.push(docs[i]);
    else reuse.set(docs[i].text, [docs[i]]);
  }
  const documents: ParsedDocument[] = docs.slice(0, a);
  place(split.chunks, reuse, documents);
  if (b < docs.length) {
    const lineDelta = (a > 0 ? docs[a - 1].fileLine + docs[a - 1].newlines : 0) + split.newlines - docs[b].fileLine;
    for (let i = b; i < docs.length; i++) {
      const piece = docs[i];
      piece.index = documents.length;
      piece.fileOffset += delta;
      piece.fileLine += lineDelta;
      documents.push(piece);
    }
  }
  return { text, documents, isTemplate: false };
}

export type PathSegment = string | number;

/**
 * Composes a document the fast reader read (it has one document, without errors), the way
 * Piece.readWithYaml does, for the code that needs yaml's Document.
 */
function composeOne(text: string): Document.Parsed {
  const list = Array.from(new Composer(COMPOSE_OPTIONS).compose(new Parser().parse(text)));
  return list.find((d) => d.contents !== null) ?? list[0];
}

/** Finds the node at a path of map keys and sequence indexes, or undefined. */
export function nodeAt(doc: Document, path: readonly PathSegment[]): Node | undefined {
  let current: unknown = doc.contents;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(current)) return undefined;
      current = current.items[segment];
    } else {
      if (!isMap(current)) return undefined;
      const pair = findPair(current, segment);
      if (!pair) return undefined;
      current = pair.value;
    }
  }
  return isNode(current) ? current : undefined;
}

/** Finds the key/value pair for the last map key of a path. */
export function pairAt(doc: Document, path: readonly PathSegment[]): Pair | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  return isMap(parent) ? findPair(parent, last) : undefined;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = item.key;
    if ((isScalar(k) && String(k.value) === key) || k === key) return item as Pair;
  }
  return undefined;
}

/** Document-local offsets of a node: [start, end of value]. */
export function nodeOffsets(node: unknown): [number, number] | undefined {
  if (isNode(node) && node.range) return [node.range[0], node.range[1]];
  return undefined;
}
