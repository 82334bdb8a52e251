// Applies text edits (zero-based line/character ranges, LSP shape) to a file's text.
// Used by the CLI's fix mode and by tests that check quick fixes by re-parsing the result.
import type { Position } from '../yaml/positions';
import type { TextEdit } from '../rules/types';

/** Offset in `text` of a position; characters past a line's end clamp to it (LSP behaviour). */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl === -1 ? text.length : nl;
  return Math.min(offset + Math.max(0, position.character), lineEnd);
}

/** Applies non-overlapping edits; throws when two edits overlap, since the result would be a guess. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e, order) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error('Overlapping text edits');
  }
  let result = '';
  let pos = 0;
  for (const s of spans) {
    result += text.slice(pos, s.start) + s.newText;
    pos = Math.max(pos, s.end);
  }
  return result + text.slice(pos);
}
