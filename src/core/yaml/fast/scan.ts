// Where things are and where they end in the text, by yaml's Lexer rules (parse/lexer.js): line
// starts, markers, implicit keys, plain and quoted scalar extents. Pure reads of the text; the
// Reader (read.ts) builds values and offsets on top of them.
import { BAD, doubleQuoted, singleQuoted } from './scalars';

/** Thrown inside the reader to fall back; never leaves fastRead. */
export const BAIL = { bail: true };

export const SPACE = 32;
export const NL = 10;
export const HASH = 35;
export const DASH = 45;
export const COLON = 58;

export class TextScanner {
  protected readonly n: number;

  constructor(protected readonly s: string) {
    this.n = s.length;
  }

  /** The position after the line break at or after `p`, or the text's end. */
  protected lineAfter(p: number): number {
    const nl = this.s.indexOf('\n', p);
    return nl === -1 ? this.n : nl + 1;
  }

  protected isMarker(p: number): boolean {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c !== DASH && c !== 46 /* . */) return false;
    return s.charCodeAt(p + 1) === c && s.charCodeAt(p + 2) === c && this.isEmpty(p + 3);
  }

  /** A space, a line break or the end (yaml's `isEmpty`, without tabs and CR). */
  protected isEmpty(p: number): boolean {
    const c = this.s.charCodeAt(p);
    return c === SPACE || c === NL || p >= this.n;
  }

  protected isDash(p: number): boolean {
    return this.s.charCodeAt(p) === DASH && this.isEmpty(p + 1);
  }

  /** Lexer `continueScalar` with a positive `indentNext`: where the next line continues a scalar, or -1. */
  protected continueAt(p: number, indentNext: number): number {
    const s = this.s;
    let i = 0;
    while (s.charCodeAt(p + i) === SPACE) i++;
    return s.charCodeAt(p + i) === NL || i >= indentNext ? p + i : -1;
  }

  /** Whether the text at `q` is an implicit key (`key:` on this line). */
  protected isKeyAt(q: number): boolean {
    const { s, n } = this;
    const c = s.charCodeAt(q);
    let i: number;
    if (c === 91 || c === 123) return false; // a flow collection: a value (as a key yaml would need more)
    if (c === 34 || c === 39) {
      const end = this.quotedClose(q);
      if (end === -1) return false;
      const nl = s.indexOf('\n', q);
      if (nl !== -1 && nl < end) return false;
      i = end + 1;
      while (s.charCodeAt(i) === SPACE) i++;
      return s.charCodeAt(i) === COLON && this.isEmpty(i + 1);
    }
    for (i = q; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch === NL) return false;
      if (ch === COLON && this.isEmpty(i + 1)) return true;
      if (ch === SPACE && s.charCodeAt(i + 1) === HASH) return false;
    }
    return false;
  }

  /** A plain scalar may start here (not an indicator or a reserved character). */
  protected plainStart(p: number): boolean {
    switch (this.s[p]) {
      case '-':
        return !this.isEmpty(p + 1);
      case '?':
      case ':':
      case ',':
      case '[':
      case ']':
      case '{':
      case '}':
      case '#':
      case '&':
      case '*':
      case '!':
      case '|':
      case '>':
      case "'":
      case '"':
      case '%':
      case '@':
      case '`':
      case undefined:
        return false;
      default:
        return true;
    }
  }

  /** The end of a plain scalar in block context (Lexer `parsePlainScalar`); falls back where a `: ` ends it. */
  protected plainEnd(p: number, indentNext: number): number {
    const s = this.s;
    let end = p - 1;
    for (let i = p; i < this.n; i++) {
      const ch = s.charCodeAt(i);
      if (ch === COLON) {
        if (this.isEmpty(i + 1)) throw BAIL; // a key where a value belongs
        end = i;
      } else if (ch === SPACE || ch === NL) {
        if (s.charCodeAt(i + 1) === HASH) break;
        if (ch === NL) {
          const cs = this.continueAt(i + 1, indentNext);
          if (cs === -1) break;
          i = Math.max(i, cs - 2);
        }
      } else end = i;
    }
    return end + 1;
  }

  /** The closing quote of the quoted scalar at `p` (Lexer `parseQuotedScalar`), or -1. */
  protected quotedClose(p: number): number {
    const s = this.s;
    const quote = s[p];
    let end = s.indexOf(quote, p + 1);
    if (quote === "'") {
      while (end !== -1 && s[end + 1] === "'") end = s.indexOf("'", end + 2);
    } else {
      while (end !== -1) {
        let k = 0;
        while (s[end - 1 - k] === '\\') k++;
        if (k % 2 === 0) break;
        end = s.indexOf('"', end + 1);
      }
    }
    return end;
  }

  /** The end (after the closing quote) of a quoted value whose lines must reach `indentNext`. */
  protected quotedEnd(p: number, indentNext: number): number {
    const s = this.s;
    const close = this.quotedClose(p);
    if (close === -1) throw BAIL;
    let nl = s.indexOf('\n', p);
    while (nl !== -1 && nl < close) {
      const cs = this.continueAt(nl + 1, indentNext);
      if (cs === -1) throw BAIL; // an unexpected unindent inside the quotes
      nl = s.indexOf('\n', cs);
    }
    return close + 1;
  }

  protected quotedValue(p: number, end: number): string {
    const source = this.s.slice(p, end);
    const v = source.charCodeAt(0) === 39 ? singleQuoted(source) : doubleQuoted(source);
    if (v === BAD) throw BAIL;
    return v;
  }

  protected skipSpaces(p: number): number {
    while (this.s.charCodeAt(p) === SPACE) p++;
    return p;
  }
}
