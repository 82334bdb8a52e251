// The indentation style of a user's YAML: the indent unit and whether sequences under a key are
// indented ("key:\n  - a") or not ("key:\n- a"). New text is written in the same style.
import { isMap, isPair, isScalar, isSeq, visit, type Document } from 'yaml';
import { LineIndex } from './lines';

export interface IndentStyle {
  indent: number;
  indentSeq: boolean;
}

export const DEFAULT_STYLE: IndentStyle = { indent: 2, indentSeq: true };

/** What one document shows of its style; either field may be unknown. */
export function detectStyle(doc: Document, text: string): Partial<IndentStyle> {
  const lines = new LineIndex(text);
  const units = new Map<number, number>();
  const seqVotes = { indented: 0, flush: 0 };
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return;
      const keyOffset = pair.key.range[0];
      const keyCol = lines.columnOf(keyOffset);
      const value = pair.value;
      if (isMap(value) && !value.flow && value.items.length > 0) {
        const first = value.items[0];
        if (isPair(first) && isScalar(first.key) && first.key.range) {
          const childOffset = first.key.range[0];
          if (lines.lineOf(childOffset) !== lines.lineOf(keyOffset) && lines.firstOnLine(childOffset)) {
            const unit = lines.columnOf(childOffset) - keyCol;
            if (unit > 0 && unit <= 8) units.set(unit, (units.get(unit) ?? 0) + 1);
          }
        }
      } else if (isSeq(value) && !value.flow && value.range && value.items.length > 0) {
        const dash = value.range[0];
        if (lines.lineOf(dash) !== lines.lineOf(keyOffset) && lines.firstOnLine(dash)) {
          if (lines.columnOf(dash) > keyCol) seqVotes.indented++;
          else seqVotes.flush++;
        }
      }
    },
  });
  const result: Partial<IndentStyle> = {};
  if (units.size > 0) result.indent = [...units.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  if (seqVotes.indented + seqVotes.flush > 0) result.indentSeq = seqVotes.indented >= seqVotes.flush;
  return result;
}

/** Combines what several documents show, nearest first, with the default for what none shows. */
export function combineStyles(candidates: Partial<IndentStyle>[]): IndentStyle {
  const indent = candidates.find((c) => c.indent !== undefined)?.indent ?? DEFAULT_STYLE.indent;
  const indentSeq = candidates.find((c) => c.indentSeq !== undefined)?.indentSeq ?? DEFAULT_STYLE.indentSeq;
  return { indent, indentSeq };
}
