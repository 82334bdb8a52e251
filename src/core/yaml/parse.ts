// Parses a YAML file into documents that keep their source positions.
// A file is split at its document markers first, and each piece is parsed on its own, so that an
// edit re-parses only the document it touched (the cache below keys pieces by their text).
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, isNode } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { Range } from './positions';
import { splitDocuments } from './split';

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
  /** File range of document-local offsets [start, end). */
  rangeOf(start: number, end: number): Range;
}

export interface ParsedFile {
  readonly text: string;
  readonly documents: ParsedDocument[];
  /** True when the file holds Helm template syntax and must not be analysed. */
  readonly isTemplate: boolean;
}

const HELM_TEMPLATE = /\{\{[-\s.$a-zA-Z]/;

let nextParseId = 1;

class Piece implements ParsedDocument {
  readonly parseId = nextParseId++;
  readonly doc: Document.Parsed;
  readonly value: unknown;
  private readonly lineCounter = new LineCounter();
  private readonly problems: { message: string; start: number; end: number }[] = [];

  constructor(
    readonly text: string,
    public index: number,
    public fileOffset: number,
    public fileLine: number,
  ) {
    const docs = parseAllDocuments(text, { lineCounter: this.lineCounter, uniqueKeys: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    // A piece normally holds one document; the errors of any extra one are reported on it too.
    this.doc = list.find((d) => d.contents !== null) ?? list[0];
    for (const d of list) {
      for (const e of d.errors) this.problems.push({ message: e.message.split('\n')[0], start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) });
    }
    if (this.doc && this.problems.length === 0) {
      try {
        this.value = this.doc.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.problems.push({ message: `Cannot read this document: ${message}`, start: this.doc.range[0], end: this.doc.range[0] + 1 });
      }
    }
  }

  get errors(): YamlProblem[] {
    return this.problems.map((e) => ({ message: e.message, range: this.rangeOf(e.start, e.end) }));
  }

  rangeOf(start: number, end: number): Range {
    const clamp = (o: number) => Math.min(Math.max(0, o), this.text.length);
    const s = this.lineCounter.linePos(clamp(start));
    const e = this.lineCounter.linePos(clamp(Math.max(start, end)));
    return { start: { line: s.line - 1 + this.fileLine, character: s.col - 1 }, end: { line: e.line - 1 + this.fileLine, character: e.col - 1 } };
  }
}

/** Parses a file; with `previous`, documents whose text is unchanged are reused, not re-parsed. */
export function parseYamlFile(text: string, previous?: ParsedFile): ParsedFile {
  if (HELM_TEMPLATE.test(text)) return { text, documents: [], isTemplate: true };
  const reuse = new Map<string, Piece[]>();
  for (const d of previous?.documents ?? []) {
    if (!(d instanceof Piece)) continue;
    const list = reuse.get(d.text);
    if (list) list.push(d);
    else reuse.set(d.text, [d]);
  }
  const documents: ParsedDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    let piece = reuse.get(chunk.text)?.shift();
    if (piece) {
      piece.index = documents.length;
      piece.fileOffset = chunk.offset;
      piece.fileLine = chunk.line;
    } else {
      piece = new Piece(chunk.text, documents.length, chunk.offset, chunk.line);
    }
    if (piece.doc) documents.push(piece);
  }
  return { text, documents, isTemplate: false };
}

export type PathSegment = string | number;

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
