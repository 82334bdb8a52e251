// Scalar values exactly as the `yaml` package (2.9.1) resolves them with its default YAML 1.2 core
// schema. Each function mirrors one in node_modules/yaml/dist (named below) for input without tabs
// or carriage returns (the fast reader falls back on those). Where yaml would report an error,
// these return BAD and the reader falls back: they never guess.

/** Returned where yaml would report an error. */
export const BAD: unique symbol = Symbol('bad scalar');

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * The value of a plain scalar (schema/core: the default tags tried in the schema's order).
 * Most manifest scalars start with a letter that no tag can match, so they skip the tests.
 */
export function resolvePlain(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  // Letters other than n/N (null), t/T (true), f/F (false) start only strings.
  if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && (c | 32) !== 110 && (c | 32) !== 116 && (c | 32) !== 102) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : c === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** Folds the lines of a plain or single-quoted scalar (resolve-flow-scalar `unfoldLines`). */
export function unfold(source: string): string {
  let nl = source.indexOf('\n');
  if (nl === -1) return source;
  let res = source.slice(0, nl).replace(/ +$/, '');
  let sep = ' ';
  let pos = nl + 1;
  while ((nl = source.indexOf('\n', pos)) !== -1) {
    const line = source.slice(pos, nl).trim();
    if (line === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + line;
      sep = ' ';
    }
    pos = nl + 1;
  }
  // The last line keeps trailing spaces (they are content in a single-quoted scalar).
  return res + sep + source.slice(pos).replace(/^ +/, '');
}

/** The value of `'...'` including its quotes (resolve-flow-scalar `singleQuotedValue`). */
export function singleQuoted(source: string): string {
  return unfold(source.slice(1, -1)).replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** The value of `"..."` including its quotes (resolve-flow-scalar `doubleQuotedValue`), or BAD. */
export function doubleQuoted(source: string): string | typeof BAD {
  // Without escapes or line breaks the value is the text between the quotes.
  if (source.indexOf('\\') === -1 && source.indexOf('\n') === -1) return source.slice(1, -1);
  let res = '';
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i];
    if (ch === '\n') {
      // A line break folds to a space, several to one newline fewer; leading spaces go.
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\n') {
        if (next === '\n') fold += '\n';
        next = source[++i + 1];
      }
      res += fold || ' ';
    } else if (ch === '\\') {
      const next = source[++i];
      const code = ESCAPES[next];
      if (code !== undefined) res += code;
      else if (next === '\n') {
        // An escaped line break joins the lines; the next line's indentation still goes.
        while (source[i + 1] === ' ') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) return BAD;
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) return BAD;
        res += String.fromCodePoint(cp);
        i += length;
      } else return BAD;
    } else if (ch === ' ') {
      // Spaces before a line break are dropped.
      const start = i;
      while (source[i + 1] === ' ') i++;
      if (source[i + 1] !== '\n') res += source.slice(start, i + 1);
    } else {
      res += ch;
    }
  }
  return res;
}

/**
 * The value of a block scalar's body (compose/resolve-block-scalar), or BAD.
 * `parentIndent` is the indent of the collection holding it, `explicit` the header's indentation
 * indicator (0 when none), `chomp` '', '-' or '+'.
 */
export function blockValue(source: string, folded: boolean, parentIndent: number, explicit: number, chomp: string): string | typeof BAD {
  const lines = splitLines(source);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i][1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) return BAD;
  let trimIndent = parentIndent + explicit;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content === '') {
      if (explicit === 0 && indent.length > trimIndent) trimIndent = indent.length;
    } else {
      // More-indented leading empty lines without an indicator are an error in yaml.
      if (indent.length < trimIndent) return BAD;
      if (explicit === 0) trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0) return BAD;
      break;
    }
  }
  // Trailing more-indented empty lines are content.
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content && indent.length < trimIndent) return BAD;
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent) {
      // More-indented lines of a folded scalar keep their line breaks.
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp !== '-') {
    value += '\n';
  }
  return value;
}

/** Lines as [indentation, content] (resolve-block-scalar `splitLines`). */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  return lines;
}
