// A Kubernetes resource found in a YAML document, with its resolved namespace.
import type { ParsedDocument, PathSegment } from '../yaml/parse';
import type { Range } from '../yaml/positions';

export const CNPG_GROUP = 'postgresql.cnpg.io';
export const BARMAN_GROUP = 'barmancloud.cnpg.io';
export const ZALANDO_GROUP = 'acid.zalan.do';

/** The kinds this extension understands, keyed by `group/Kind`. */
export const KNOWN_KINDS = new Set([
  `${CNPG_GROUP}/Cluster`,
  `${CNPG_GROUP}/Backup`,
  `${CNPG_GROUP}/ScheduledBackup`,
  `${CNPG_GROUP}/Pooler`,
  `${CNPG_GROUP}/Database`,
  `${CNPG_GROUP}/ImageCatalog`,
  `${CNPG_GROUP}/ClusterImageCatalog`,
  `${CNPG_GROUP}/Publication`,
  `${CNPG_GROUP}/Subscription`,
  `${BARMAN_GROUP}/ObjectStore`,
  `${ZALANDO_GROUP}/postgresql`,
]);

export type KindName =
  | 'Cluster'
  | 'Backup'
  | 'ScheduledBackup'
  | 'Pooler'
  | 'Database'
  | 'ObjectStore'
  | 'postgresql'
  | string;

export type NamespaceSource = 'metadata' | 'kustomization' | 'unknown';

export interface Resource {
  /** Path of the file, as the caller named it (the CLI uses paths, the server URIs turned into paths). */
  readonly file: string;
  readonly document: ParsedDocument;
  readonly group: string;
  readonly version: string;
  readonly kind: KindName;
  /** `metadata.name`, or undefined when missing or a `${...}` substitution. */
  readonly name: string | undefined;
  /** Resolved namespace, or undefined when unknown (it then matches any namespace). */
  readonly namespace: string | undefined;
  readonly namespaceSource: NamespaceSource;
  /** The namespace the nearest kustomization set when this resource was read (to know when to re-read it). */
  readonly kustomizationNamespace?: string;
  /** True when a kustomization lists this file as a patch: a partial document, not a resource of its own. */
  readonly isPatch: boolean;
  /** The document's plain value. */
  readonly value: Record<string, unknown>;
}

/** Values holding a Flux `${VAR}` substitution are unknown until deploy time. */
export function isSubstituted(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

export function splitApiVersion(apiVersion: unknown): { group: string; version: string } | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.lastIndexOf('/');
  if (slash === -1) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function isKnownKind(group: string, kind: string): boolean {
  return KNOWN_KINDS.has(`${group}/${kind}`);
}

/** Reads a value at a path of a plain object, or undefined. */
export function getIn(value: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = value;
  for (const segment of path) {
    if (current === null || current === undefined) return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (typeof current !== 'object' || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** File range of the value at a path; falls back to the nearest existing ancestor, then the document start. */
export function valueRange(resource: Resource, path: readonly PathSegment[]): Range {
  const d = resource.document;
  // `locate` reads the fast reader's offsets when there are some: reporting composes no Document.
  for (let n = path.length; n >= 0; n--) {
    const loc = d.locate(n === path.length ? path : path.slice(0, n));
    if (loc?.start === undefined) continue;
    if (n === path.length) return d.rangeOf(loc.start, loc.end!);
    return keyRange(resource, path.slice(0, n));
  }
  return d.rangeOf(0, 0);
}

/** File range of the key at a path (the value's range for sequence items); nearest ancestor otherwise. */
export function keyRange(resource: Resource, path: readonly PathSegment[]): Range {
  const d = resource.document;
  for (let n = path.length; n > 0; n--) {
    const loc = d.locate(n === path.length ? path : path.slice(0, n));
    if (typeof path[n - 1] === 'number') {
      if (loc?.start !== undefined) return d.rangeOf(loc.start, loc.end!);
    } else if (loc?.keyStart !== undefined) {
      return d.rangeOf(loc.keyStart, loc.keyEnd!);
    }
  }
  const root = d.locate([]);
  return root?.start !== undefined ? d.rangeOf(root.start, root.start) : d.rangeOf(0, 0);
}

export function describe(resource: Resource): string {
  return `${resource.kind} ${resource.name ?? '(unnamed)'}`;
}
