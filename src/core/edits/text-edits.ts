// Text edits on a resource that keep the user's formatting: indentation, quoting, comments and the
// order of keys stay as written. Each helper returns one TextEdit in file positions, or undefined
// when the path does not lead where the edit needs to go (the caller then offers no fix).
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import type { Resource } from '../model/resource';
import type { TextEdit } from '../rules/types';
import { nodeAt, pairAt, type PathSegment } from '../yaml/parse';
import { formatKey, formatScalar, snippetValue, toFlow, type ScalarValue } from './scalars';

/** Replaces the scalar at `path`, keeping its quoting style (and anchor or tag) where the new value allows. */
export function replaceValue(resource: Resource, path: readonly PathSegment[], value: ScalarValue): TextEdit | undefined {
  const d = resource.document;
  const node = nodeAt(d.doc, path);
  if (!isScalar(node) || !node.range) return undefined;
  const inFlow = isInFlow(resource, path);
  const text = formatScalar(value, node.type, inFlow);
  const start = node.range[0];
  const end = isBlockScalar(node) ? trimmedEnd(d.text, node.range[1]) : node.range[1];
  if (start === end) {
    // An empty value (`key:`, maybe followed by a comment) is written right after the colon.
    const pair = pairAt(d.doc, path);
    if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
    const colonEnd = d.text.indexOf(':', pair.key.range[1]) + 1;
    return edit(resource, colonEnd, colonEnd, ` ${text}`);
  }
  return edit(resource, start, end, text);
}

/** Renames the key of the pair at `path`, keeping its quoting style. */
export function renameKey(resource: Resource, path: readonly PathSegment[], newKey: string): TextEdit | undefined {
  const pair = pairAt(resource.document.doc, path);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const text = formatScalar(newKey, pair.key.type, isInFlow(resource, path));
  return edit(resource, pair.key.range[0], pair.key.range[1], text);
}

/**
 * Adds `key: <valueYaml>` to the mapping at `mapPath`. `valueYaml` is YAML text (a scalar, a flow
 * collection, or a block collection written at column 0). Missing parent mappings are created.
 */
export function insertKey(resource: Resource, mapPath: readonly PathSegment[], key: string, valueYaml: string): TextEdit | undefined {
  const d = resource.document;
  // Find the deepest existing ancestor and wrap the new key in the missing levels.
  let depth = mapPath.length;
  while (depth > 0 && !pathExists(resource, mapPath.slice(0, depth))) depth--;
  const missing = mapPath.slice(depth);
  if (missing.some((s) => typeof s !== 'string')) return undefined;
  const step = indentStep(resource);
  let innerKey = key;
  let innerValue = valueYaml;
  for (let i = missing.length - 1; i >= 0; i--) {
    innerValue = pairText(innerKey, innerValue, step);
    innerKey = missing[i] as string;
  }
  const basePath = mapPath.slice(0, depth);
  const target = basePath.length === 0 ? d.doc.contents : nodeAt(d.doc, basePath);
  if (isMap(target) && target.flow) return insertIntoFlowMap(resource, target, innerKey, innerValue);
  if (isMap(target) && target.items.length > 0) return insertIntoBlockMap(resource, target, innerKey, innerValue, step);
  // An empty value (`backup:`, `backup: ~`) becomes a block mapping under its key.
  const pair = pairAt(d.doc, basePath);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const v = pair.value;
  if (v !== null && !(isScalar(v) && v.value === null)) return undefined;
  const keyEnd = pair.key.range[1];
  const colonEnd = d.text.indexOf(':', keyEnd) + 1;
  const valueEnd = isScalar(v) && v.range && v.range[1] > v.range[0] ? v.range[1] : colonEnd;
  const lineEnd = endOfLine(d.text, valueEnd);
  const indent = ' '.repeat(column(d.text, pair.key.range[0]) + step);
  const rest = d.text.slice(valueEnd, lineEnd);
  const block = indentLines(pairText(innerKey, innerValue, step), indent);
  return edit(resource, keyEnd, lineEnd, `${d.text.slice(keyEnd, colonEnd)}${rest}\n${block}`.replace(/\n/g, eol(d.text)));
}

export interface RemoveOptions {
  /** When the removed entry was the only one, remove the (now empty) parent key as well. */
  pruneEmptyParents?: boolean;
}

/**
 * Removes the pair (string last segment) or sequence item (number) at `path` with its lines, its
 * nested content and the comment lines indented under it.
 */
export function removeKey(resource: Resource, path: readonly PathSegment[], options: RemoveOptions = {}): TextEdit | undefined {
  const d = resource.document;
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? d.doc.contents : nodeAt(d.doc, parentPath);
  const last = path[path.length - 1];
  const items: unknown[] = isMap(parent) || isSeq(parent) ? parent.items : [];
  const index = typeof last === 'number' ? (isSeq(parent) ? last : -1) : isMap(parent) ? items.indexOf(pairAt(d.doc, path)) : -1;
  if (index < 0 || index >= items.length || !(isMap(parent) || isSeq(parent))) return undefined;
  if (items.length === 1 && options.pruneEmptyParents && typeof parentPath[parentPath.length - 1] === 'string') {
    return removeKey(resource, parentPath, options);
  }
  const item = items[index];
  const start = startOf(item);
  const end = contentEnd(d.text, item);
  if (start === undefined || end === undefined) return undefined;
  if (parent.flow) {
    if (index > 0) return edit(resource, contentEnd(d.text, items[index - 1])!, end, '');
    if (items.length > 1) return edit(resource, start, startOf(items[1])!, '');
    return edit(resource, start, end, '');
  }
  // Block: for a sequence item, the line starts at its dash.
  const anchor = isSeq(parent) ? dashBefore(d.text, start) : start;
  if (anchor === undefined) return undefined;
  const lineStart = startOfLine(d.text, anchor);
  if (d.text.slice(lineStart, anchor).trim() !== '') {
    // The first pair of a `- key: ...` item: keep the dash, pull the next pair up.
    if (items.length > 1) return edit(resource, start, startOf(items[index + 1])!, '');
    return edit(resource, start, end, '{}');
  }
  let stop = endOfBlock(d.text, end, column(d.text, anchor));
  if (stop < d.text.length) stop = nextLineStart(d.text, stop);
  else if (lineStart > 0) return edit(resource, d.text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1, stop, '');
  return edit(resource, lineStart, stop, '');
}

// ---- block and flow insertion ----

function insertIntoBlockMap(resource: Resource, map: YAMLMap, key: string, valueYaml: string, step: number): TextEdit | undefined {
  const d = resource.document;
  const first = startOf(map.items[0]);
  const end = contentEnd(d.text, map.items[map.items.length - 1]);
  if (first === undefined || end === undefined) return undefined;
  const indent = ' '.repeat(column(d.text, first));
  const at = endOfLine(d.text, end);
  return edit(resource, at, at, `\n${indentLines(pairText(key, valueYaml, step), indent)}`.replace(/\n/g, eol(d.text)));
}

function insertIntoFlowMap(resource: Resource, map: YAMLMap, key: string, valueYaml: string): TextEdit | undefined {
  const flowValue = toFlow(valueYaml);
  if (flowValue === undefined || !map.range) return undefined;
  const text = `${formatKey(key, true)}: ${flowValue}`;
  if (map.items.length === 0) {
    const open = resource.document.text.indexOf('{', map.range[0]);
    return edit(resource, open + 1, open + 1, text);
  }
  const end = contentEnd(resource.document.text, map.items[map.items.length - 1]);
  return end === undefined ? undefined : edit(resource, end, end, `, ${text}`);
}

/** `key: value` at column 0; a block value goes on the following lines, one step in. */
function pairText(key: string, valueYaml: string, step: number): string {
  const parsed = snippetValue(valueYaml);
  const k = formatKey(key);
  if (!parsed?.block || /^[|>]/.test(valueYaml.trim())) return `${k}: ${valueYaml.trim()}`;
  return `${k}:\n${indentLines(valueYaml.replace(/\s+$/, ''), ' '.repeat(step))}`;
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : indent + l))
    .join('\n');
}

// ---- positions ----

function edit(resource: Resource, start: number, end: number, newText: string): TextEdit {
  return { range: resource.document.rangeOf(start, end), newText };
}

function pathExists(resource: Resource, path: readonly PathSegment[]): boolean {
  return nodeAt(resource.document.doc, path) !== undefined || pairAt(resource.document.doc, path) !== undefined;
}

/** True when the node at `path` sits inside a flow collection. */
function isInFlow(resource: Resource, path: readonly PathSegment[]): boolean {
  for (let n = path.length - 1; n >= 0; n--) {
    const node = n === 0 ? resource.document.doc.contents : nodeAt(resource.document.doc, path.slice(0, n));
    if ((isMap(node) || isSeq(node)) && node.flow) return true;
  }
  return false;
}

/** Indentation step of the document: the first nested block mapping's offset, else 2. */
function indentStep(resource: Resource): number {
  const text = resource.document.text;
  let step = 0;
  visit(resource.document.doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.range && isMap(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
        const child = startOf(pair.value.items[0]);
        const col = child === undefined ? 0 : column(text, child) - column(text, pair.key.range[0]);
        if (col > 0) {
          step = col;
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return step || 2;
}

function startOf(item: unknown): number | undefined {
  if (isPair(item)) return startOf(item.key) ?? startOf(item.value);
  if ((isScalar(item) || isMap(item) || isSeq(item) || isAlias(item)) && (item as Node).range) return (item as Node).range![0];
  return undefined;
}

/** Offset just after the last character of an item's content (not its trailing comments). */
function contentEnd(text: string, item: unknown): number | undefined {
  if (isPair(item)) {
    const v = item.value;
    const emptyValue = v === null || (isScalar(v) && v.range && v.range[0] === v.range[1]);
    if (emptyValue) return item.key && isScalar(item.key) && item.key.range ? item.key.range[1] + 1 : undefined;
    return contentEnd(text, v);
  }
  if (isMap(item) || isSeq(item)) {
    const c = item as YAMLMap | YAMLSeq;
    if (c.flow || c.items.length === 0) return c.range?.[1];
    return contentEnd(text, c.items[c.items.length - 1]);
  }
  if (isScalar(item) && item.range) return isBlockScalar(item) ? trimmedEnd(text, item.range[1]) : item.range[1];
  if (isAlias(item) && item.range) return item.range[1];
  return undefined;
}

function isBlockScalar(node: unknown): boolean {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

function trimmedEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding the last content character before `offset` (block scalars end past a newline). */
function endOfLine(text: string, offset: number): number {
  return lineEndAt(text, trimmedEnd(text, offset));
}

/** End of the line holding `offset`, before its `\r\n` or `\n`. */
function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function column(text: string, offset: number): number {
  return offset - startOfLine(text, offset);
}

/** The dash that opens the block sequence item starting at `offset`, if it is on the same line. */
function dashBefore(text: string, offset: number): number | undefined {
  const lineStart = startOfLine(text, offset);
  const dash = text.lastIndexOf('-', offset - 1);
  return dash >= lineStart && text.slice(dash + 1, offset).trim() === '' ? dash : undefined;
}

/** End of an entry's last line, extended over following comment lines indented deeper than `col`. */
function endOfBlock(text: string, end: number, col: number): number {
  let stop = endOfLine(text, end);
  for (;;) {
    if (stop >= text.length) return stop;
    const nextStart = nextLineStart(text, stop);
    const nextEnd = lineEndAt(text, nextStart);
    const line = text.slice(nextStart, nextEnd);
    const indent = line.length - line.trimStart().length;
    if (!line.trimStart().startsWith('#') || indent <= col) return stop;
    stop = nextEnd;
  }
}

/** Start of the line after the line ending at `lineEnd` (which points at its `\r\n` or `\n`). */
function nextLineStart(text: string, lineEnd: number): number {
  return text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd + 1;
}

/** The document's line ending, so inserted lines match the file. */
function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
