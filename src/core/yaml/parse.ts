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

/** One YAML document of a file, with the means to turn its node offsets into file positions. */
export interface ParsedDocument {
  readonly index: number;
  /** Identifies the parse this document came from: equal ids mean equal text (cheap change detection). */
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

interface ChunkParse {
  id: number;
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  value: unknown;
  errors: { message: string; start: number; end: number }[];
}

/** Parses pieces by their text; `previous` lets an edit reuse every untouched document. */
export function parseYamlFile(text: string, previous?: ParsedFile): ParsedFile {
  if (HELM_TEMPLATE.test(text)) return { text, documents: [], isTemplate: true };
  const reuse = new Map<string, ParsedDocument>();
  for (const d of previous?.documents ?? []) reuse.set(d.text, d);
  const documents: ParsedDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    const old = reuse.get(chunk.text);
    const parsed: ChunkParse = old ? chunkOf(old) : parseChunk(chunk.text);
    if (!parsed.doc) continue;
    documents.push(makeDocument(documents.length, chunk.text, chunk.offset, chunk.line, parsed));
  }
  return { text, documents, isTemplate: false };
}

const chunkParses = new WeakMap<ParsedDocument, ChunkParse>();

function chunkOf(d: ParsedDocument): ChunkParse {
  return chunkParses.get(d)!;
}

let nextParseId = 1;

function parseChunk(text: string): ChunkParse {
  const id = nextParseId++;
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  // A piece normally holds one document; extra ones (e.g. after a bare `...`) are reported as errors of the first.
  const doc = list.find((d) => d.contents !== null) ?? list[0];
  if (!doc) return { id, doc: undefined, lineCounter, value: undefined, errors: [] };
  const errors = list.flatMap((d) =>
    d.errors.map((e) => ({ message: e.message.split('\n')[0], start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) })),
  );
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ message: `Cannot read this document: ${message}`, start: doc.range[0], end: doc.range[0] + 1 });
    }
  }
  return { id, doc, lineCounter, value, errors };
}

function makeDocument(index: number, text: string, fileOffset: number, fileLine: number, parsed: ChunkParse): ParsedDocument {
  const lc = parsed.lineCounter;
  const clamp = (o: number) => Math.min(Math.max(0, o), text.length);
  const rangeOf = (start: number, end: number): Range => {
    const s = lc.linePos(clamp(start));
    const e = lc.linePos(clamp(Math.max(start, end)));
    return { start: { line: s.line - 1 + fileLine, character: s.col - 1 }, end: { line: e.line - 1 + fileLine, character: e.col - 1 } };
  };
  const errors = parsed.errors.map((e) => ({ message: e.message, range: rangeOf(e.start, e.end) }));
  const result: ParsedDocument = { index, parseId: parsed.id, doc: parsed.doc!, text, fileOffset, fileLine, value: parsed.value, errors, rangeOf };
  chunkParses.set(result, parsed);
  return result;
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
