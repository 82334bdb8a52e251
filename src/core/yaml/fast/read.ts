// A fast reader for the YAML that Kubernetes manifests use: one document of block mappings and
// sequences, plain / quoted / block scalars, comments, and one-line flow collections of scalars.
// It gives the same value as `yaml`'s parseDocument(text, { uniqueKeys: true }).toJS() and the
// same node offsets as its Composer, several times cheaper, because it reads the text once with
// no token objects. Anything it does not fully understand, or where yaml would report an error,
// makes it return undefined, and the caller uses the `yaml` package instead.
//
// Offsets follow yaml's rules, which come from how its Parser assigns tokens (parse/parser.js):
// - a block collection ends (`range[1]`) where its last value's `range[2]` ends;
// - an inline value's `range[2]` runs to after its line break, and further over comment lines
//   below it that are more indented than its collection (`atIndentedComment`);
// - comment lines after a collection's last value stay in the innermost closing collection
//   whose indent is not 0 and is not above every such comment; that collection's `range[2]`
//   then runs to the next content (Parser `pop`, and `commentEnd` in resolve-block-map/seq).
// Where scalars and keys end in the text follows yaml's Lexer (parse/lexer.js), in scan.ts; the
// block scalar here mirrors `parseBlockScalar`.
import { BAD, blockValue, resolvePlain, unfold } from './scalars';
import { BAIL, COLON, DASH, HASH, NL, SPACE, TextScanner } from './scan';
import { FastNode, FastTree, MAP, PLAIN, QUOTED, SEQ } from './tree';

export interface FastDocument {
  value: unknown;
  root: FastNode;
  tree: FastTree;
}

/** Deeper documents are left to yaml (its own nesting checks then apply). */
export const FAST_MAX_DEPTH = 64;


// Characters yaml would read differently from how this reader does, anywhere in a document.
const UNSUPPORTED = /[\t\r\uFEFF]/;

/** Reads one document piece, or returns undefined when the `yaml` package must read it. */
export function fastRead(text: string): FastDocument | undefined {
  if (UNSUPPORTED.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch {
    // BAIL, or anything unexpected: the yaml package decides.
    return undefined;
  }
}

class Reader extends TextScanner {
  private readonly tree = new FastTree();
  /** Entries of the collections being read; a collection's are copied to the tape when it closes. */
  private readonly stack: number[] = [];
  private readonly keyStack: string[] = [];

  // What reading a value leaves behind:
  /** The value's JS value. */
  private val: unknown = null;
  /** The value's `range[2]`. */
  private after = 0;
  /** Column and position of the next content line's first character; -1 and the text's length at the end. */
  private nextCol = -1;
  private nextPos = 0;
  /** The highest column of the comment lines before the next content (-1: none) and where that gap ends. */
  private tMax = -1;
  private tEnd = 0;

  document(): FastDocument {
    const { s, n } = this;
    let p = 0;
    let marker = false;
    let q: number;
    // Blank lines, comments and at most one `---` line before the content.
    for (;;) {
      q = p;
      while (s.charCodeAt(q) === SPACE) q++;
      if (q >= n) throw BAIL; // no content
      const c = s.charCodeAt(q);
      if (c === NL) {
        p = q + 1;
        continue;
      }
      if (c === HASH) {
        p = this.lineAfter(q);
        continue;
      }
      if (q === p && this.isMarker(p)) {
        if (marker || s.charCodeAt(p) !== DASH) throw BAIL; // a second document, or `...`
        marker = true;
        let r = p + 3;
        while (s.charCodeAt(r) === SPACE) r++;
        if (r < n && s.charCodeAt(r) !== NL) {
          if (s.charCodeAt(r) !== HASH || r === p + 3) throw BAIL; // content on the marker line
        }
        p = this.lineAfter(r);
        continue;
      }
      if (c === 37 /* % */) throw BAIL;
      break;
    }
    const col = q - p;
    const ref = this.isDash(q) ? this.seq(col, q, 1) : this.map(col, q, 1);
    if (this.nextCol !== -1) throw BAIL; // something after the root collection
    this.tree.root = ref;
    return { value: this.val, root: new FastNode(this.tree, ref), tree: this.tree };
  }

  // ---- collections ----

  /** A block mapping whose keys are at column `indent`, its first key at `p`. */
  private map(indent: number, p: number, depth: number): number {
    if (depth > FAST_MAX_DEPTH) throw BAIL;
    const mark = this.stack.length;
    const keyMark = this.keyStack.length;
    const obj: Record<string, unknown> = {};
    const start = p;
    let last = 0;
    for (;;) {
      const key = this.key(p);
      const keyEnd = this.nextPos; // key() leaves the key's end here and the position after ':' in tEnd
      if (Object.prototype.hasOwnProperty.call(obj, key)) throw BAIL; // duplicate key
      const ref = this.mapValue(this.tEnd, indent, depth);
      obj[key] = this.val;
      this.stack.push(p, keyEnd, ref);
      this.keyStack.push(key);
      last = this.after;
      if (this.nextCol === indent) {
        p = this.nextPos;
        if (this.isDash(p)) throw BAIL; // a sequence item where a key belongs
        continue;
      }
      if (this.nextCol > indent) throw BAIL; // over-indented content
      break;
    }
    const ref = this.close(MAP, start, last, indent, mark);
    const keys = this.tree.keys;
    for (let i = keyMark; i < this.keyStack.length; i++) keys.push(this.keyStack[i]);
    this.keyStack.length = keyMark;
    this.val = obj;
    return ref;
  }

  /** A block sequence whose `-` are at column `indent`, the first at `p`. */
  private seq(indent: number, p: number, depth: number): number {
    if (depth > FAST_MAX_DEPTH) throw BAIL;
    const { s, n } = this;
    const mark = this.stack.length;
    const arr: unknown[] = [];
    const start = p;
    let last = 0;
    for (;;) {
      let q = p + 1;
      while (s.charCodeAt(q) === SPACE) q++;
      const c = s.charCodeAt(q);
      let ref: number;
      if (q >= n || c === NL || c === HASH) {
        if (c === HASH && q === p + 1) throw BAIL;
        // The item's value starts on a later line.
        this.gap(this.lineAfter(q), Infinity);
        if (this.nextCol <= indent) throw BAIL; // an empty item
        ref = this.isDash(this.nextPos) ? this.seq(this.nextCol, this.nextPos, depth + 1) : this.map(this.nextCol, this.nextPos, depth + 1);
      } else if (this.isDash(q)) {
        throw BAIL; // `- - x`
      } else if (this.isKeyAt(q)) {
        ref = this.map(indent + q - p, q, depth + 1);
      } else {
        ref = this.inline(q, indent, depth);
      }
      arr.push(this.val);
      this.stack.push(ref);
      last = this.after;
      if (this.nextCol === indent && this.isDash(this.nextPos)) {
        p = this.nextPos;
        continue;
      }
      if (this.nextCol > indent) throw BAIL;
      break;
    }
    const ref = this.close(SEQ, start, last, indent, mark);
    this.val = arr;
    return ref;
  }

  /**
   * Writes a collection's record. Its end is its last value's `range[2]`; its own `range[2]` takes
   * in the trailing comments when it is the innermost closing collection that keeps them.
   */
  private close(kind: number, start: number, end: number, indent: number, mark: number): number {
    const { tape, keys } = this.tree;
    const ref = tape.length;
    const stack = this.stack;
    if (kind === MAP) tape.push(MAP, start, end, (stack.length - mark) / 3, keys.length);
    else tape.push(SEQ, start, end, stack.length - mark);
    for (let i = mark; i < stack.length; i++) tape.push(stack[i]);
    stack.length = mark;
    this.after = end;
    if (this.tMax >= 0 && indent !== 0 && this.tMax >= indent) {
      this.after = this.tEnd;
      this.tMax = -1;
    }
    return ref;
  }

  /** The value of a map entry, `p` just after its `:`. */
  private mapValue(p: number, indent: number, depth: number): number {
    const { s, n } = this;
    let q = p;
    while (s.charCodeAt(q) === SPACE) q++;
    const c = s.charCodeAt(q);
    if (q < n && c !== NL && c !== HASH) return this.inline(q, indent, depth);
    // Nothing more on the key's line: a nested collection below, or an empty value (null).
    this.gap(this.lineAfter(q), Infinity);
    const col = this.nextCol;
    if (col > indent || (col === indent && this.isDash(this.nextPos))) {
      return this.isDash(this.nextPos) ? this.seq(col, this.nextPos, depth + 1) : this.map(col, this.nextPos, depth + 1);
    }
    // yaml attaches comments after an empty value to it (and its range); leave those to yaml.
    if (c === HASH || this.tMax >= 0) throw BAIL;
    this.val = null;
    this.after = q;
    return this.scalar(PLAIN, q, q);
  }

  /** A value that starts on the current line at `q`, inside a collection at `indent`. */
  private inline(q: number, indent: number, depth: number): number {
    const c = this.s.charCodeAt(q);
    if (c === 124 /* | */ || c === 62 /* > */) return this.block(q, indent);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const end = this.quotedEnd(q, indent + 1);
      this.val = this.quotedValue(q, end);
      return this.lineEnd(QUOTED, q, end, indent);
    }
    if (c === 91 /* [ */ || c === 123 /* { */) return this.flow(q, indent, depth + 1);
    if (!this.plainStart(q)) throw BAIL;
    const end = this.plainEnd(q, indent + 1);
    const source = this.s.slice(q, end);
    this.val = resolvePlain(source.indexOf('\n') === -1 ? source : unfold(source));
    return this.lineEnd(PLAIN, q, end, indent);
  }

  /**
   * After an inline value ending at `end`: the rest of its line must be spaces and a comment.
   * Records the scalar (not for a flow collection, kind MAP or SEQ, already written) and the gap
   * after it (comment lines deeper than `indent` belong to it).
   */
  private lineEnd(kind: number, start: number, end: number, indent: number): number {
    const { s, n } = this;
    let r = end;
    while (s.charCodeAt(r) === SPACE) r++;
    if (r < n && s.charCodeAt(r) !== NL) {
      if (s.charCodeAt(r) !== HASH || r === end) throw BAIL;
    }
    this.gap(this.lineAfter(r), indent);
    return kind === MAP || kind === SEQ ? -1 : this.scalar(kind, start, end);
  }

  private scalar(kind: number, start: number, end: number): number {
    const tape = this.tree.tape;
    const ref = tape.length;
    tape.push(kind, start, end);
    return ref;
  }

  // ---- lines ----

  /**
   * Skips blank and comment lines from line start `p` to the next content line, and records it.
   * Comment lines more indented than `absorb`, with only blank lines before them, still belong to
   * the value before (they extend its `after`); the other comments are the trailing gap.
   */
  private gap(p: number, absorb: number): void {
    const { s, n } = this;
    this.after = p;
    this.tMax = -1;
    let absorbing = true;
    for (;;) {
      let q = p;
      while (s.charCodeAt(q) === SPACE) q++;
      if (q >= n) {
        this.nextCol = -1;
        this.nextPos = n;
        this.tEnd = n;
        return;
      }
      const c = s.charCodeAt(q);
      if (c === NL) {
        p = q + 1;
        continue;
      }
      const col = q - p;
      if (c === HASH) {
        p = this.lineAfter(q);
        if (absorbing && col > absorb) this.after = p;
        else {
          absorbing = false;
          if (col > this.tMax) this.tMax = col;
        }
        continue;
      }
      if (col === 0 && this.isMarker(q)) throw BAIL; // `---` or `...`: not one plain document
      this.nextCol = col;
      this.nextPos = q;
      this.tEnd = q;
      return;
    }
  }

  // ---- keys ----

  /**
   * Reads the key at `p`, which must be followed by `:`. Leaves the key's end in nextPos and the
   * position after the `:` in tEnd (scratch use; the value's reading sets both anew).
   */
  private key(p: number): string {
    const { s, n } = this;
    const c = s.charCodeAt(p);
    let key: string;
    let colon: number;
    if (c === 34 || c === 39) {
      const end = this.quotedClose(p);
      if (end === -1) throw BAIL;
      const nl = s.indexOf('\n', p);
      if (nl !== -1 && nl < end) throw BAIL; // a multi-line key
      const v = this.quotedValue(p, end + 1);
      key = v as string;
      this.nextPos = end + 1;
      colon = end + 1;
      while (s.charCodeAt(colon) === SPACE) colon++;
      if (s.charCodeAt(colon) !== COLON || !this.isEmpty(colon + 1)) throw BAIL;
    } else {
      if (!this.plainStart(p)) throw BAIL;
      let end = p;
      for (colon = p; ; colon++) {
        if (colon >= n) throw BAIL;
        const ch = s.charCodeAt(colon);
        if (ch === NL) throw BAIL; // not a key, or a multi-line one
        if (ch === COLON && this.isEmpty(colon + 1)) break;
        if (ch === SPACE) {
          if (s.charCodeAt(colon + 1) === HASH) throw BAIL;
        } else end = colon + 1;
      }
      key = s.slice(p, end);
      if (typeof resolvePlain(key) !== 'string') throw BAIL; // `1:`, `true:`, `null:`...
      this.nextPos = end;
    }
    // yaml errors on implicit keys over 1024 characters; JS objects treat these keys specially.
    if (colon - p > 1000 || key === '__proto__' || key === '<<' || /^\d+$/.test(key)) throw BAIL;
    this.tEnd = colon + 1;
    return key;
  }

  // ---- scalars ----

  /** A block scalar whose header is at `p`, in a collection at `indent` (Lexer `parseBlockScalar`). */
  private block(p: number, indent: number): number {
    const { s, n } = this;
    // Header: `|` or `>`, then at most one chomping indicator and one indentation digit.
    let chomp = '';
    let explicit = 0;
    let h = p + 1;
    for (; ; h++) {
      const ch = s[h];
      if ((ch === '-' || ch === '+') && !chomp) chomp = ch;
      else if (ch >= '1' && ch <= '9' && !explicit) explicit = Number(ch);
      else break;
    }
    if (!this.isEmpty(h)) throw BAIL;
    let r = h;
    while (s.charCodeAt(r) === SPACE) r++;
    if (r < n && s.charCodeAt(r) !== NL && (s.charCodeAt(r) !== HASH || r === h)) throw BAIL;
    const body = this.lineAfter(r);
    if (body >= n) throw BAIL; // an empty block scalar at the end
    // The first line with content fixes the indentation (or the indicator does).
    let nl = body - 1;
    let lead = 0;
    let i = body;
    for (; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch === SPACE) lead++;
      else if (ch === NL) {
        nl = i;
        lead = 0;
      } else break;
    }
    const indentNext = indent + 1;
    if (i >= n || lead < indentNext) throw BAIL; // empty: no line with content
    const contentIndent = explicit ? explicit - 1 + indentNext : lead;
    if (explicit && contentIndent !== indent + explicit) throw BAIL;
    do {
      const cs = this.continueAt(nl + 1, contentIndent);
      if (cs === -1) break;
      nl = s.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = n;
    if (chomp !== '+') {
      // Trailing lines of spaces no longer than the first content line's indentation are not content.
      for (;;) {
        let k = nl - 1;
        const lastChar = k;
        while (s.charCodeAt(k) === SPACE) k--;
        if (s.charCodeAt(k) === NL && k >= body && k + 1 + lead > lastChar) nl = k;
        else break;
      }
    }
    const end = Math.min(nl + 1, n);
    const v = blockValue(s.slice(body, end), s.charCodeAt(p) === 62, indent, explicit, chomp);
    if (v === BAD) throw BAIL;
    this.val = v;
    this.gap(end, Infinity);
    this.after = end;
    return this.scalar(QUOTED, p, end);
  }

  // ---- flow collections ----

  /** A flow collection on one line, `[` or `{` at `p`, as an inline value. */
  private flow(p: number, indent: number, depth: number): number {
    const ref = this.flowCollection(p, depth);
    this.lineEnd(MAP, p, this.nextPos, indent);
    return ref;
  }

  /**
   * A flow sequence or mapping of scalars and flow collections on one line; leaves its value in
   * val and its end (after the closing bracket, its `range[1]`) in nextPos.
   */
  private flowCollection(p: number, depth: number): number {
    if (depth > FAST_MAX_DEPTH) throw BAIL;
    const s = this.s;
    const isMap = s.charCodeAt(p) === 123;
    const closeCh = isMap ? 125 : 93;
    const mark = this.stack.length;
    const keyMark = this.keyStack.length;
    const obj: Record<string, unknown> = {};
    const arr: unknown[] = [];
    let q = this.skipSpaces(p + 1);
    if (s.charCodeAt(q) !== closeCh) {
      for (;;) {
        if (isMap) {
          const keyStart = q;
          const item = this.flowScalar(q);
          const key = this.val;
          const quoted = this.tree.tape[item] === QUOTED;
          const keyEnd = this.nextPos;
          this.tree.tape.length = item; // keys are not nodes of their own in the tape
          if (typeof key !== 'string' || key === '__proto__' || key === '<<' || /^\d+$/.test(key)) throw BAIL;
          if (Object.prototype.hasOwnProperty.call(obj, key)) throw BAIL;
          q = this.skipSpaces(keyEnd);
          // After a plain key `:` needs a space; after a quoted one it may touch the value.
          if (s.charCodeAt(q) !== COLON || (!quoted && s.charCodeAt(q + 1) !== SPACE)) throw BAIL;
          const value = this.flowItem(this.skipSpaces(q + 1), depth);
          obj[key] = this.val;
          this.stack.push(keyStart, keyEnd, value);
          this.keyStack.push(key);
        } else {
          const item = this.flowItem(q, depth);
          arr.push(this.val);
          this.stack.push(item);
        }
        q = this.skipSpaces(this.nextPos);
        const c = s.charCodeAt(q);
        if (c === closeCh) break;
        if (c !== 44 /* , */) throw BAIL;
        q = this.skipSpaces(q + 1);
        if (s.charCodeAt(q) === closeCh) throw BAIL; // a trailing comma
      }
    }
    const end = q + 1;
    const { tape, keys } = this.tree;
    const ref = tape.length;
    const stack = this.stack;
    if (isMap) tape.push(MAP, p, end, (stack.length - mark) / 3, keys.length);
    else tape.push(SEQ, p, end, stack.length - mark);
    for (let i = mark; i < stack.length; i++) tape.push(stack[i]);
    stack.length = mark;
    for (let i = keyMark; i < this.keyStack.length; i++) keys.push(this.keyStack[i]);
    this.keyStack.length = keyMark;
    this.val = isMap ? obj : arr;
    this.nextPos = end;
    return ref;
  }

  /** An item or a map value inside a flow collection. */
  private flowItem(p: number, depth: number): number {
    const c = this.s.charCodeAt(p);
    return c === 91 || c === 123 ? this.flowCollection(p, depth + 1) : this.flowScalar(p);
  }

  /** A one-line scalar inside a flow collection; leaves its value in val and its end in nextPos. */
  private flowScalar(p: number): number {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = this.quotedClose(p);
      if (close === -1) throw BAIL;
      const nl = s.indexOf('\n', p);
      if (nl !== -1 && nl < close) throw BAIL;
      this.val = this.quotedValue(p, close + 1);
      this.nextPos = close + 1;
      return this.scalar(QUOTED, p, close + 1);
    }
    // `-` before a flow indicator is an indicator there, not a scalar.
    if (!this.plainStart(p) || (c === DASH && ',[]{}'.includes(s[p + 1]))) throw BAIL;
    let end = p;
    for (let i = p; i < this.n; i++) {
      const ch = s.charCodeAt(i);
      if (ch === COLON) {
        const next = s.charCodeAt(i + 1);
        if (this.isEmpty(i + 1) || next === 44 || next === 91 || next === 93 || next === 123 || next === 125) break;
        end = i + 1;
      } else if (ch === SPACE) {
        if (s.charCodeAt(i + 1) === HASH) throw BAIL;
      } else if (ch === NL) {
        throw BAIL; // a multi-line flow collection
      } else if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) {
        break;
      } else end = i + 1;
    }
    const source = s.slice(p, end);
    this.val = resolvePlain(source);
    this.nextPos = end;
    return this.scalar(PLAIN, p, end);
  }
}
