// Structural validation of a plain document value against a compiled CRD schema, the way the
// Kubernetes API server reads it: types (with x-kubernetes-int-or-string), required fields, unknown
// fields (pruned or rejected), enums, patterns, bounds and list-type uniqueness. CEL rules
// (x-kubernetes-validations) and formats are not evaluated.
//
// One pass, no allocation on the happy path: a shared path stack, problems copied out only when found.
import type { PathSegment } from '../yaml/parse';
import type { SchemaNode } from './compile';

export type SchemaProblemKind = 'unknown-field' | 'invalid-value' | 'missing-required-field';

export type InvalidReason =
  | 'type'
  | 'enum'
  | 'pattern'
  | 'minimum'
  | 'maximum'
  | 'minLength'
  | 'maxLength'
  | 'minItems'
  | 'maxItems'
  | 'duplicate'
  /** An unquoted YAML 1.1 boolean word (`on`, `yes`, ...): tools disagree on its type; the caller looks at the node. */
  | 'yaml11-bool';

export interface SchemaProblem {
  kind: SchemaProblemKind;
  /**
   * unknown-field: path of the key; invalid-value: path of the value (for a duplicate list item,
   * its first key field); missing-required-field: path of the object that lacks `field`.
   */
  path: PathSegment[];
  /** invalid-value: the value's schema; otherwise the schema of the object holding the key. */
  schema: SchemaNode;
  reason?: InvalidReason;
  /** missing-required-field: the missing field's name. */
  field?: string;
  /** duplicate: index of the first item with the same key. */
  firstIndex?: number;
}

export interface ValidateOptions {
  /** A Kustomize patch: `$patch`-style directives are allowed (required fields are the caller's call). */
  patch?: boolean;
  /** Stop after this many problems (a wrong kind or version would otherwise flood the editor). */
  maxProblems?: number;
}

/** Words YAML 1.1 (kubectl's parser) reads as booleans when unquoted; YAML 1.2 reads them as strings. */
const YAML11_BOOLEANS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);

const hasOwn = Object.prototype.hasOwnProperty;

interface Walk {
  path: PathSegment[];
  problems: SchemaProblem[];
  patch: boolean;
  max: number;
}

export function validateValue(root: SchemaNode, value: unknown, options: ValidateOptions = {}): SchemaProblem[] {
  const walk: Walk = { path: [], problems: [], patch: options.patch === true, max: options.maxProblems ?? 200 };
  check(walk, root, value);
  return walk.problems;
}

function report(walk: Walk, problem: Omit<SchemaProblem, 'path'>, extra?: PathSegment[]): void {
  if (walk.problems.length >= walk.max) return;
  const path = extra ? [...walk.path, ...extra] : walk.path.slice();
  walk.problems.push({ ...problem, path });
}

function check(walk: Walk, node: SchemaNode, value: unknown): void {
  // The API server prunes null fields that are not nullable before validating, so null is "absent".
  if (value === null || value === undefined) return;
  // Flux `${VAR}` substitutions are unknown until deploy time.
  if (typeof value === 'string' && value.includes('${')) return;
  if (!typeMatches(node, value)) {
    const reason = typeof value === 'string' && node.type === 'boolean' && YAML11_BOOLEANS.has(value) ? 'yaml11-bool' : 'type';
    report(walk, { kind: 'invalid-value', schema: node, reason });
    return;
  }
  if (typeof value === 'string') checkString(walk, node, value);
  else if (typeof value === 'number') checkNumber(walk, node, value);
  else if (Array.isArray(value)) checkArray(walk, node, value);
  else if (typeof value === 'object') checkObject(walk, node, value as Record<string, unknown>);
  else if (node.enumValues && !node.enumValues.has(value)) report(walk, { kind: 'invalid-value', schema: node, reason: 'enum' });
}

export function typeMatches(node: SchemaNode, value: unknown): boolean {
  if (node.intOrString) return typeof value === 'string' || Number.isInteger(value);
  switch (node.type) {
    case undefined:
      return true;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function checkString(walk: Walk, node: SchemaNode, value: string): void {
  if (node.enumValues && !node.enumValues.has(value)) return report(walk, { kind: 'invalid-value', schema: node, reason: 'enum' });
  if (node.pattern && !node.pattern.test(value)) return report(walk, { kind: 'invalid-value', schema: node, reason: 'pattern' });
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    const length = runeCount(value);
    if (node.minLength !== undefined && length < node.minLength) return report(walk, { kind: 'invalid-value', schema: node, reason: 'minLength' });
    if (node.maxLength !== undefined && length > node.maxLength) return report(walk, { kind: 'invalid-value', schema: node, reason: 'maxLength' });
  }
  if (node.type === 'string' && YAML11_BOOLEANS.has(value)) report(walk, { kind: 'invalid-value', schema: node, reason: 'yaml11-bool' });
}

function checkNumber(walk: Walk, node: SchemaNode, value: number): void {
  if (node.enumValues && !node.enumValues.has(value)) return report(walk, { kind: 'invalid-value', schema: node, reason: 'enum' });
  if (node.minimum !== undefined && value < node.minimum) return report(walk, { kind: 'invalid-value', schema: node, reason: 'minimum' });
  if (node.maximum !== undefined && value > node.maximum) report(walk, { kind: 'invalid-value', schema: node, reason: 'maximum' });
}

function checkArray(walk: Walk, node: SchemaNode, value: unknown[]): void {
  if (node.minItems !== undefined && value.length < node.minItems) report(walk, { kind: 'invalid-value', schema: node, reason: 'minItems' });
  if (node.maxItems !== undefined && value.length > node.maxItems) report(walk, { kind: 'invalid-value', schema: node, reason: 'maxItems' });
  const items = node.items;
  if (items) {
    const path = walk.path;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      check(walk, items, value[i]);
      path.pop();
    }
  }
  if (node.listType === 'set' || node.listType === 'map') checkDuplicates(walk, node, value);
}

/** `x-kubernetes-list-type: set|map`: the API server rejects repeated items (or repeated map keys). */
function checkDuplicates(walk: Walk, node: SchemaNode, value: unknown[]): void {
  if (value.length < 2) return;
  const keys = node.listType === 'map' ? node.listMapKeys : undefined;
  if (node.listType === 'map' && !keys?.length) return;
  const seen = new Map<string, number>();
  for (let i = 0; i < value.length; i++) {
    const id = itemIdentity(value[i], keys);
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else report(walk, { kind: 'invalid-value', schema: node, reason: 'duplicate', firstIndex: first }, keys ? [i, keys[0]] : [i]);
  }
}

/** A comparable identity of a list item, or undefined when it cannot be known here (missing keys, substitutions). */
function itemIdentity(item: unknown, keys: readonly string[] | undefined): string | undefined {
  if (!keys) {
    if (item === null || typeof item === 'object' || (typeof item === 'string' && item.includes('${'))) return undefined;
    return `${typeof item}:${String(item)}`;
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  let id = '';
  for (const k of keys) {
    const v = hasOwn.call(item, k) ? (item as Record<string, unknown>)[k] : undefined;
    if (v === undefined || v === null || typeof v === 'object' || (typeof v === 'string' && v.includes('${'))) return undefined;
    id += `${typeof v}:${String(v)}\u0000`;
  }
  return id;
}

function checkObject(walk: Walk, node: SchemaNode, value: Record<string, unknown>): void {
  const properties = node.properties;
  const additional = node.additional;
  const path = walk.path;
  let merged = false;
  for (const key in value) {
    const sub = properties?.get(key);
    if (sub) {
      path.push(key);
      check(walk, sub, value[key]);
      path.pop();
      continue;
    }
    if (key === '<<') {
      // A YAML merge key the parser did not expand: its fields are invisible here.
      merged = true;
      continue;
    }
    if (additional !== undefined) {
      if (additional !== true) {
        path.push(key);
        check(walk, additional, value[key]);
        path.pop();
      }
      continue;
    }
    if (node.open) continue;
    if (walk.patch && key.charCodeAt(0) === 36 /* $ */) continue;
    report(walk, { kind: 'unknown-field', schema: node }, [key]);
  }
  if (node.required && !merged) {
    for (const field of node.required) {
      const v = hasOwn.call(value, field) ? value[field] : undefined;
      if (v === undefined || v === null) report(walk, { kind: 'missing-required-field', schema: node, field });
    }
  }
}

/** Kubernetes counts string length in Unicode code points. */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}
