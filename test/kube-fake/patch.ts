// Patch formats the API server accepts: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and a
// simplified server-side apply merge.

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** RFC 7386: objects merge recursively, `null` deletes, anything else (arrays included) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result: Record<string, Json> = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export class PatchError extends Error {}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split('/').map(unescapePointer);
}

function parentOf(doc: Json, tokens: string[], path: string): { parent: Json; last: string } {
  let current = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else current = undefined;
    if (current === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return { parent: current, last: tokens[tokens.length - 1] };
}

function getAt(doc: Json, path: string): Json {
  let current = doc;
  for (const token of parsePointer(path)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else current = undefined;
    if (current === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return current;
}

function remove(doc: Json, path: string): Json {
  const { parent, last } = parentOf(doc, parsePointer(path), path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw new PatchError(`unable to remove nonexistent key: ${last}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!isObject(parent) || !(last in parent)) throw new PatchError(`unable to remove nonexistent key: ${last}: missing value`);
  const old = parent[last];
  delete parent[last];
  return old;
}

function add(doc: Json, path: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return clone(value);
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!(i >= 0 && i <= parent.length)) throw new PatchError(`unable to access invalid index: ${last}`);
    if (replace) {
      if (i >= parent.length) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      parent[i] = clone(value);
    } else parent.splice(i, 0, clone(value));
  } else if (isObject(parent)) {
    if (replace && !(last in parent)) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[last] = clone(value);
  } else throw new PatchError(`doc is missing path: "${path}": missing value`);
  return doc;
}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

/** RFC 6902 on a copy of `doc`. */
export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let result = clone(doc);
  for (const raw of ops as Operation[]) {
    if (typeof raw?.path !== 'string') throw new PatchError('missing path');
    switch (raw.op) {
      case 'add':
        result = add(result, raw.path, raw.value, false);
        break;
      case 'replace':
        result = add(result, raw.path, raw.value, true);
        break;
      case 'remove':
        remove(result, raw.path);
        break;
      case 'move': {
        const value = remove(result, raw.from ?? '');
        result = add(result, raw.path, value, false);
        break;
      }
      case 'copy':
        result = add(result, raw.path, getAt(result, raw.from ?? ''), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(result, raw.path)) !== JSON.stringify(raw.value)) throw new PatchError(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${raw.op}`);
    }
  }
  return result;
}

/**
 * Server-side apply, simplified: the applied configuration's fields win, maps merge, lists are
 * replaced as wholes. (The real server tracks field ownership per manager and merges associative
 * lists by key; nothing this project sends depends on that.)
 */
export function applyMerge(live: Json, applied: Json): Json {
  if (!isObject(applied) || !isObject(live)) return clone(applied);
  const result = clone(live) as Record<string, Json>;
  for (const [key, value] of Object.entries(applied)) {
    if (value === null) delete result[key];
    else result[key] = applyMerge(result[key], value);
  }
  return result;
}
