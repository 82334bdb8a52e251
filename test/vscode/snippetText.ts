// Expands a VS Code snippet body the way the editor inserts it when every placeholder keeps its
// default: `${1:text}` -> text (nested placeholders expand too), `${1|a,b|}` -> a, a bare `$1` or
// `${1}` -> the default given to tab stop 1 elsewhere, `$0` -> ''. Variables are not supported
// (the project's snippets use none), so the parser rejects them instead of guessing.
export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const defaults = new Map<number, string>();
  // Two passes: the first learns each tab stop's default, the second fills the bare mirrors.
  parse(text, defaults);
  return parse(text, defaults);
}

function parse(text: string, defaults: Map<number, string>): string {
  let i = 0;
  const body = (closing: boolean): string => {
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
        out += text[i + 1];
        i += 2;
      } else if (c === '}' && closing) {
        return out;
      } else if (c === '$') {
        out += dollar();
      } else {
        out += c;
        i++;
      }
    }
    if (closing) throw new Error('Unclosed placeholder in snippet');
    return out;
  };
  const dollar = (): string => {
    i++; // $
    let m = /^\d+/.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      return defaults.get(Number(m[0])) ?? '';
    }
    if (text[i] !== '{') throw new Error(`Unsupported snippet syntax at ${i}: ${text.slice(i - 1, i + 10)}`);
    i++;
    m = /^\d+/.exec(text.slice(i));
    if (!m) throw new Error(`Snippet variables are not supported: ${text.slice(i - 2, i + 10)}`);
    const n = Number(m[0]);
    i += m[0].length;
    if (text[i] === '}') {
      i++;
      return defaults.get(n) ?? '';
    }
    if (text[i] === ':') {
      i++;
      const value = body(true);
      i++; // }
      if (!defaults.has(n)) defaults.set(n, value);
      return value;
    }
    if (text[i] === '|') {
      const end = text.indexOf('|}', i + 1);
      if (end < 0) throw new Error('Unclosed choice in snippet');
      const first = text.slice(i + 1, end).split(',')[0];
      i = end + 2;
      if (!defaults.has(n)) defaults.set(n, first);
      return first;
    }
    throw new Error(`Unsupported placeholder syntax at ${i}`);
  };
  return body(false);
}
