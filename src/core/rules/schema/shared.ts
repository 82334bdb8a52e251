// What the three schema rules share: one validation per document (cached), kinds, path wording.
import { getIn, keyRange, valueRange, type Resource } from '../../model/resource';
import { schemaFor, type KindSchema, type SchemaNode } from '../../schema/compile';
import { validateValue, type SchemaProblem } from '../../schema/validate';
import type { PathSegment } from '../../yaml/parse';
import type { Range } from '../../yaml/positions';

/** Kinds with a generated schema (the Zalando `postgresql` is not validated). */
export const SCHEMA_KINDS = [
  'Cluster',
  'Backup',
  'ScheduledBackup',
  'Pooler',
  'Database',
  'ImageCatalog',
  'ClusterImageCatalog',
  'Publication',
  'Subscription',
  'ObjectStore',
] as const;

export const SCHEMA_SOURCE =
  'CRDs in crds/ (postgresql.cnpg.io v1 from CloudNativePG v1.30.0, barmancloud.cnpg.io ObjectStore from plugin-barman-cloud v0.14.0), compiled by scripts/gen-schemas.mjs';

/** How the API server treats an unknown field, in one sentence. */
export const UNKNOWN_FIELD_BEHAVIOUR =
  'kubectl rejects the document (strict field validation is its default); other clients, such as Flux, get a warning and the API server drops the field, so it has no effect';

interface Validation {
  schema: KindSchema;
  problems: SchemaProblem[];
}

const cache = new WeakMap<Resource, Validation | null>();

/** The document's schema problems, computed once for the three rules. */
export function validationOf(resource: Resource): Validation | undefined {
  let entry = cache.get(resource);
  if (entry === undefined) {
    const schema = schemaFor(resource.group, resource.version, resource.kind);
    entry = schema ? { schema, problems: validateValue(schema.root, resource.value, { patch: resource.isPatch }) } : null;
    cache.set(resource, entry);
  }
  return entry ?? undefined;
}

/** `spec.plugins[0].name` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

/** Where the object at a path starts: its key, the first key of a list item, the kind for the root. */
export function objectRange(resource: Resource, path: readonly PathSegment[]): Range {
  if (path.length === 0) return valueRange(resource, ['kind']);
  if (typeof path[path.length - 1] === 'number') {
    const item = getIn(resource.value, path);
    const first = item && typeof item === 'object' && !Array.isArray(item) ? Object.keys(item)[0] : undefined;
    return first === undefined ? valueRange(resource, path) : keyRange(resource, [...path, first]);
  }
  return keyRange(resource, path);
}

export function typeName(node: SchemaNode): string {
  if (node.intOrString) return 'an integer or a string';
  switch (node.type) {
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean (true or false)';
    default:
      return 'any value';
  }
}

export function valueTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** Optimal string alignment distance, capped: enough to catch typos among sibling field names. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate to a word: same letters in another case first, then a small edit distance. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const limit = Math.min(word.length, c.length) <= 4 ? 1 : 2;
    const d = editDistance(lower, c.toLowerCase(), limit);
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
