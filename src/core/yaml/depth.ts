// A nesting limit checked before a document is composed. The yaml package composes nodes
// recursively: nesting deep enough exhausts the call stack, and where that happens depends on
// how deep the caller's stack already is, so the same text could parse on open and fail after an
// edit. A fixed limit, checked on the parser's token tree (built without recursion), says the same
// thing every time. No real manifest comes close: a Cluster nests about ten levels.
import type { CST } from 'yaml';

export const MAX_NESTING = 256;

/**
 * Cheap pre-check: block collections nest by column and flow collections by brackets, so a
 * document with short lines and few brackets cannot nest deeper than the limit.
 */
export function mayNestDeeply(text: string, limit = MAX_NESTING): boolean {
  let brackets = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++brackets > limit) return true;
    } else if (c === 10) {
      if (i - lineStart > limit) return true;
      lineStart = i + 1;
    }
  }
  return text.length - lineStart > limit;
}

type Item = { key?: CST.Token | null; value?: CST.Token };

/** The deepest collection nesting of the parsed tokens, walked without recursion; stops past `limit`. */
export function nestingDepth(tokens: readonly CST.Token[], limit = MAX_NESTING): number {
  let max = 0;
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const inner = depth + 1;
    if (inner > max) max = inner;
    if (max > limit) return max;
    for (const item of token.items as Item[]) {
      if (item.key) stack.push([item.key, inner]);
      if (item.value) stack.push([item.value, inner]);
    }
  }
  return max;
}
