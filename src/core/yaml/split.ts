// Splits a YAML stream at its document markers without parsing it.
// A `---` at column 0 always starts a new document in YAML 1.2 (even inside a block scalar),
// so splitting there is exact; the marker line starts the next piece, and leading comments or
// directives stay with the document they precede.

export interface DocumentChunk {
  text: string;
  offset: number;
  line: number;
}

const MARKER = /^---(?=\s|$)/;

export function splitDocuments(text: string): DocumentChunk[] {
  const { chunks } = splitRange(text, 0, text.length, 0);
  if (chunks.length === 0) chunks.push({ text: '', offset: 0, line: 0 });
  return chunks;
}

export interface RangeSplit {
  chunks: DocumentChunk[];
  /** Whether the last chunk holds content: a `---` right after the range splits only then. */
  lastHasContent: boolean;
  /** Newlines in the range. */
  newlines: number;
}

/**
 * Splits `text[start, end)` as splitDocuments would split it if a document started at `start`
 * (which must be a line start; `line` is its line). Lets an edit re-split only the documents it touched.
 */
export function splitRange(text: string, start: number, end: number, line: number): RangeSplit {
  const chunks: DocumentChunk[] = [];
  let chunkStart = start;
  let chunkLine = line;
  let pos = start;
  let sawContentBefore = false;
  let newlines = 0;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 || nl >= end ? end : nl + 1;
    const isMarker = text.charCodeAt(pos) === 45 /* - */ && MARKER.test(text.slice(pos, Math.min(lineEnd, pos + 4)));
    if (isMarker && pos > chunkStart && sawContentBefore) {
      chunks.push({ text: text.slice(chunkStart, pos), offset: chunkStart, line: chunkLine });
      chunkStart = pos;
      chunkLine = line;
      sawContentBefore = false;
    }
    if (!isMarker && !isBlankOrComment(text, pos, lineEnd)) sawContentBefore = true;
    if (nl !== -1 && nl < end) {
      line++;
      newlines++;
    }
    pos = lineEnd;
  }
  if (chunkStart < end) chunks.push({ text: text.slice(chunkStart, end), offset: chunkStart, line: chunkLine });
  return { chunks, lastHasContent: sawContentBefore, newlines };
}

/** True when `pos` starts a `---` marker line. */
export function isMarkerAt(text: string, pos: number): boolean {
  return text.charCodeAt(pos) === 45 && MARKER.test(text.slice(pos, pos + 4));
}

/** Whether one chunk's text holds anything but markers, blank lines, comments and directives. */
export function hasContent(text: string): boolean {
  return splitRange(text, 0, text.length, 0).lastHasContent;
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 35 || c === 37; /* a comment or a %directive belongs to the next document */
  }
  return true;
}
