// Line bookkeeping for one document's text: offsets of line starts, indentation, blank and comment lines.
// Transforms edit block-style YAML by whole lines, so these are the questions they ask.

export class LineIndex {
  /** Offset of the first character of each line; a final entry equal to text.length when the text ends with a newline. */
  readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  columnOf(offset: number): number {
    return offset - this.starts[this.lineOf(offset)];
  }

  lineStart(line: number): number {
    return this.starts[Math.min(line, this.starts.length - 1)];
  }

  /** Offset just after the line's newline (or the end of the text). */
  lineEnd(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }

  /** The line's text without its newline (and without a CR before it). */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line)).replace(/\r?\n$/, '');
  }

  indentOf(line: number): number {
    const t = this.lineText(line);
    return t.length - t.trimStart().length;
  }

  isBlank(line: number): boolean {
    return this.lineText(line).trim() === '';
  }

  isComment(line: number): boolean {
    return this.lineText(line).trimStart().startsWith('#');
  }

  /** True when only spaces precede the offset on its line. */
  firstOnLine(offset: number): boolean {
    return this.text.slice(this.lineStart(this.lineOf(offset)), offset).trim() === '';
  }

  /** The newline style of the text ("\r\n" when its first line ends so). */
  get eol(): string {
    const nl = this.text.indexOf('\n');
    return nl > 0 && this.text[nl - 1] === '\r' ? '\r\n' : '\n';
  }
}

/** Shifts every non-blank line by `delta` columns, but never left of `minIndent`. */
export function reindent(lines: readonly string[], delta: number, minIndent = 0): string[] {
  return lines.map((line) => {
    if (line.trim() === '') return '';
    const indent = line.length - line.trimStart().length;
    return ' '.repeat(Math.max(indent + delta, minIndent)) + line.trimStart();
  });
}
