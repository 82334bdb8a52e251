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
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let line = 0;
  let pos = 0;
  let sawContentBefore = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const isMarker = text.charCodeAt(pos) === 45 /* - */ && MARKER.test(text.slice(pos, Math.min(lineEnd, pos + 4)));
    if (isMarker && pos > chunkStart && sawContentBefore) {
      chunks.push({ text: text.slice(chunkStart, pos), offset: chunkStart, line: chunkLine });
      chunkStart = pos;
      chunkLine = line;
      sawContentBefore = false;
    }
    if (!isMarker && !isBlankOrComment(text, pos, lineEnd)) sawContentBefore = true;
    pos = lineEnd;
    line++;
  }
  if (chunkStart < text.length || chunks.length === 0) {
    chunks.push({ text: text.slice(chunkStart), offset: chunkStart, line: chunkLine });
  }
  return chunks;
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 35 || c === 37; /* a comment or a %directive belongs to the next document */
  }
  return true;
}
