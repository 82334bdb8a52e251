// Where a key/value pair of a block mapping sits in the text, by whole lines: the key line, every
// following line indented deeper (its value, nested comments, block scalars), and the comment lines
// directly above it at the same indentation (they describe it and travel with it).
import { isScalar, type Pair } from 'yaml';
import type { LineIndex } from './lines';

export interface PairSpan {
  /** Offset of the key. */
  keyStart: number;
  /** Column of the key. */
  keyCol: number;
  /** False when the key follows a "- " on its line (the first key of a sequence item). */
  firstOnLine: boolean;
  /** Where the pair's text starts: the key line's start, or the key itself after a "- ". */
  start: number;
  /** Offset after the last line of the pair (including its newline). */
  end: number;
  firstLine: number;
  lastLine: number;
  /** Start of the comment lines directly above the key at its indentation (== start when none). */
  leadingStart: number;
}

export class SpanError extends Error {}

export function pairSpan(lines: LineIndex, pair: Pair): PairSpan {
  const key = pair.key;
  if (!isScalar(key) || !key.range) throw new SpanError('The key has no position.');
  const keyStart = key.range[0];
  const firstLine = lines.lineOf(keyStart);
  const keyCol = lines.columnOf(keyStart);
  const firstOnLine = lines.firstOnLine(keyStart);
  let lastLine = firstLine;
  for (let line = firstLine + 1; line < lines.lineCount; line++) {
    if (lines.lineStart(line) >= lines.text.length) break;
    if (lines.isBlank(line)) continue;
    if (lines.indentOf(line) <= keyCol) break;
    lastLine = line;
  }
  let leadingLine = firstLine;
  if (firstOnLine) {
    while (leadingLine > 0 && lines.isComment(leadingLine - 1) && lines.indentOf(leadingLine - 1) === keyCol) leadingLine--;
  }
  return {
    keyStart,
    keyCol,
    firstOnLine,
    start: firstOnLine ? lines.lineStart(firstLine) : keyStart,
    end: lines.lineEnd(lastLine),
    firstLine,
    lastLine,
    leadingStart: lines.lineStart(leadingLine),
  };
}

/** The lines of a span of text, without line endings (the last one may lack a newline in the text). */
export function spanLines(lines: LineIndex, fromLine: number, toLine: number): string[] {
  const out: string[] = [];
  for (let l = fromLine; l <= toLine; l++) out.push(lines.lineText(l));
  return out;
}
