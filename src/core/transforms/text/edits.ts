// Text edits in the LSP shape (zero-based line/character), built from "old text -> new text" of one
// document so that a transform never touches text outside the documents it changed.
import type { ParsedDocument } from '../../yaml/parse';
import type { Position } from '../../yaml/positions';
import type { FileChange, TextEdit } from '../../rules/types';
import { diffLines } from './line-diff';

/** Splits text into lines that keep their line ending, so joining them gives the text back. */
export function splitKeepEol(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let offset = 0;
  while (line < position.line) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
    line++;
  }
  return Math.min(offset + position.character, text.length);
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let last = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - last };
}

/** Applies non-overlapping edits (in any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const withOffsets = edits.map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: e.newText, i }));
  withOffsets.sort((x, y) => x.start - y.start || x.end - y.end || x.i - y.i);
  let result = '';
  let pos = 0;
  for (const e of withOffsets) {
    if (e.start < pos) throw new Error('Overlapping text edits.');
    result += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return result + text.slice(pos);
}

/** Applies file changes to a map of path -> text (created files start empty). */
export function applyFileChanges(files: Map<string, string>, changes: readonly FileChange[]): Map<string, string> {
  const result = new Map(files);
  for (const c of changes) {
    const before = c.create ? '' : result.get(c.file);
    if (before === undefined) throw new Error(`No such file to edit: ${c.file}`);
    result.set(c.file, applyTextEdits(before, c.edits));
  }
  return result;
}

/**
 * Line edits that turn a document's text into `newText`, in file positions. Only lines that differ
 * are replaced; the document's neighbours are never part of a range.
 */
export function documentEdits(document: Pick<ParsedDocument, 'text' | 'fileLine'>, newText: string): TextEdit[] {
  const a = splitKeepEol(document.text);
  const b = splitKeepEol(newText);
  const edits: TextEdit[] = [];
  for (const h of diffLines(a, b)) {
    edits.push({
      range: { start: linePos(a, h.aStart, document.fileLine), end: linePos(a, h.aStart + h.aCount, document.fileLine) },
      newText: b.slice(h.bStart, h.bStart + h.bCount).join(''),
    });
  }
  return edits;
}

/** Position of the start of line `index` of a document (or of its end when past the last line). */
function linePos(lines: string[], index: number, fileLine: number): Position {
  if (index < lines.length || lines.length === 0) return { line: fileLine + index, character: 0 };
  const last = lines[lines.length - 1];
  // Past the last line: if it has no newline, the end is on that line.
  if (!last.endsWith('\n')) return { line: fileLine + lines.length - 1, character: last.length };
  return { line: fileLine + lines.length, character: 0 };
}

/** Edits that insert text at a file position. */
export function insertAt(position: Position, text: string): TextEdit {
  return { range: { start: position, end: position }, newText: text };
}

/** Groups changes by file (edits of one file together, creations kept apart), in a stable order. */
export function mergeFileChanges(changes: readonly FileChange[]): FileChange[] {
  const byFile = new Map<string, FileChange>();
  for (const c of changes) {
    const key = `${c.create ? 'create' : 'edit'}\u0000${c.file}`;
    const existing = byFile.get(key);
    if (existing) {
      if (c.create) throw new Error(`Two creations of ${c.file}.`);
      existing.edits.push(...c.edits);
    } else {
      byFile.set(key, { file: c.file, edits: [...c.edits], ...(c.create ? { create: true } : {}) });
    }
  }
  return [...byFile.values()];
}
