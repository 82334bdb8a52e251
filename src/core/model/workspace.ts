// The workspace model: every YAML file's documents, the CNPG resources in them, and the
// kustomizations that give them namespaces. Files are set and removed one at a time; each
// change reports which lookup keys it touched so the linter re-checks only what depends on them.
import { parseYamlFile, type ParsedDocument, type ParsedFile } from '../yaml/parse';
import { isKustomizationFile, readKustomization, type Kustomization } from './kustomize';
import { posix, toModelPath } from './paths';
import { asRecord, asString, isKnownKind, isSubstituted, splitApiVersion, type Resource } from './resource';
import { KindIndex } from './kind-index';

export interface ModelFile {
  path: string;
  parsed: ParsedFile;
  resources: Resource[];
  /** Set when the file was not analysed (too large, binary), with the reason. */
  skipped?: string;
}

/** Lookup keys: `Kind|name` for one resource, `Kind|*` for "all of a kind". */
export type DependencyKey = string;

export interface ChangeSet {
  files: Set<string>;
  keys: Set<DependencyKey>;
  /** Resources that no longer exist (caches keyed by resource can drop them). */
  removed: Resource[];
  /** Resources that are new (a changed document is a new resource). */
  added: Resource[];
}

export interface FindResult {
  resource: Resource | undefined;
  /** Several non-patch documents matched and the choice would be a guess. */
  ambiguous: boolean;
}

export class WorkspaceModel {
  private readonly files = new Map<string, ModelFile>();
  private readonly kustomizations = new Map<string, Kustomization>();
  private readonly index = new KindIndex();
  /** The resource read from each document (null: not a resource), so an edit re-reads only new documents. */
  private readonly resourceOf = new WeakMap<ParsedDocument, Resource | null>();

  /** Adds or replaces a file; returns what changed. */
  setFile(path: string, text: string, skipped?: string): ChangeSet {
    const p = toModelPath(path);
    const old = this.files.get(p);
    if (old && old.parsed.text === text && old.skipped === skipped) return { files: new Set(), keys: new Set(), removed: [], added: [] };
    const parsed = skipped ? parseYamlFile('') : parseYamlFile(text, old?.parsed);
    const change = this.removeInternal(p);
    if (isKustomizationFile(p)) {
      const value = parsed.documents[0]?.value;
      this.kustomizations.set(posix.dirname(p), readKustomization(p, value));
      // Namespaces and patch status of everything below may change.
      this.refreshResourcesBelow(posix.dirname(p), change);
    }
    const file: ModelFile = { path: p, parsed, resources: [], skipped };
    const read = this.resourcesOf(file);
    file.resources = read.resources;
    this.files.set(p, file);
    this.recordChange(change, old?.resources ?? [], read);
    change.files.add(p);
    return change;
  }

  removeFile(path: string): ChangeSet {
    const p = toModelPath(path);
    const old = this.files.get(p);
    const change = this.removeInternal(p);
    this.recordChange(change, old?.resources ?? [], { resources: [], added: [] });
    if (this.kustomizations.delete(posix.dirname(p)) && isKustomizationFile(p)) {
      this.refreshResourcesBelow(posix.dirname(p), change);
    }
    return change;
  }

  getFile(path: string): ModelFile | undefined {
    return this.files.get(toModelPath(path));
  }

  allFiles(): ModelFile[] {
    return [...this.files.values()];
  }

  allResources(): Resource[] {
    return this.allFiles().flatMap((f) => f.resources);
  }

  /** Resources of a kind; patches excluded unless asked for. The list is shared: do not change it. */
  ofKind(kind: string, includePatches = false): Resource[] {
    return this.index.ofKind(kind, includePatches);
  }

  /** Resources of a kind (not patches) that a resource in `namespace` can see; unknown matches any. Shared list. */
  ofKindIn(kind: string, namespace: string | undefined): Resource[] {
    return namespace === undefined ? this.index.ofKind(kind, false) : this.index.ofKindIn(kind, namespace);
  }

  /**
   * The resource of a kind and name that a resource in `namespace` can see. An unknown namespace
   * on either side matches any namespace. Patches are never chosen; several candidates are ambiguous.
   */
  find(kind: string, namespace: string | undefined, name: string): FindResult {
    const matches = this.index.named(kind, name).filter((r) => namespacesMatch(r.namespace, namespace));
    if (matches.length === 0) return { resource: undefined, ambiguous: false };
    const exact = matches.filter((r) => r.namespace === namespace && namespace !== undefined);
    if (exact.length === 1) return { resource: exact[0], ambiguous: false };
    return { resource: matches.length === 1 ? matches[0] : undefined, ambiguous: matches.length > 1 };
  }

  kustomizationFor(path: string): Kustomization | undefined {
    let dir = posix.dirname(toModelPath(path));
    for (;;) {
      const k = this.kustomizations.get(dir);
      if (k) return k;
      const parent = posix.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  private removeInternal(p: string): ChangeSet {
    const change: ChangeSet = { files: new Set([p]), keys: new Set(), removed: [], added: [] };
    const old = this.files.get(p);
    if (old) this.files.delete(p);
    return change;
  }

  private refreshResourcesBelow(dir: string, change: ChangeSet): void {
    const prefix = dir === '.' || dir === '/' ? '' : `${dir}/`;
    for (const file of this.files.values()) {
      if (prefix && !file.path.startsWith(prefix)) continue;
      const before = file.resources;
      const read = this.resourcesOf(file);
      file.resources = read.resources;
      this.recordChange(change, before, read);
      change.files.add(file.path);
    }
  }

  /** Reads the file's resources, reusing the objects of documents that did not change; `added` are the new ones. */
  private resourcesOf(file: ModelFile): { resources: Resource[]; added: Resource[] } {
    const resources: Resource[] = [];
    const added: Resource[] = [];
    if (isKustomizationFile(file.path)) return { resources, added };
    const isPatch = [...this.kustomizations.values()].some((k) => k.patchFiles.includes(file.path));
    const kustomizationNamespace = this.kustomizationFor(file.path)?.namespace;
    for (const document of file.parsed.documents) {
      const prior = this.resourceOf.get(document);
      if (prior === null) continue;
      if (prior && prior.file === file.path && prior.isPatch === isPatch && sameNamespaceContext(prior, kustomizationNamespace)) {
        resources.push(prior);
        continue;
      }
      const resource = readResource(file.path, document, kustomizationNamespace, isPatch);
      this.resourceOf.set(document, resource ?? null);
      if (!resource) continue;
      resources.push(resource);
      added.push(resource);
    }
    return { resources, added };
  }

  /** Adds the resources that appeared or disappeared to the change and keeps the index in step. */
  private recordChange(change: ChangeSet, before: Resource[], after: { resources: Resource[]; added: Resource[] }): void {
    const removed = removedResources(before, after.resources, after.added);
    for (const r of removed) {
      this.index.remove(r);
      change.removed.push(r);
      addKeysOf(change, r);
    }
    for (const r of after.added) {
      this.index.add(r);
      change.added.push(r);
      addKeysOf(change, r);
    }
  }
}

/** The resource a document holds in its file's context, or undefined when it is none we know. */
function readResource(file: string, document: ParsedDocument, kustomizationNamespace: string | undefined, isPatch: boolean): Resource | undefined {
  const value = asRecord(document.value);
  if (!value) return undefined;
  const av = splitApiVersion(value.apiVersion);
  const kind = asString(value.kind);
  if (!av || !kind || !isKnownKind(av.group, kind)) return undefined;
  const metadata = asRecord(value.metadata) ?? {};
  const rawName = asString(metadata.name);
  const rawNs = asString(metadata.namespace);
  let namespace: string | undefined;
  let namespaceSource: Resource['namespaceSource'] = 'unknown';
  if (rawNs && !isSubstituted(rawNs)) {
    namespace = rawNs;
    namespaceSource = 'metadata';
  } else if (!rawNs && kustomizationNamespace) {
    namespace = kustomizationNamespace;
    namespaceSource = 'kustomization';
  }
  // A kustomization's `namespace:` overrides metadata at build time.
  if (kustomizationNamespace && namespaceSource === 'metadata' && rawNs !== kustomizationNamespace) {
    namespace = kustomizationNamespace;
    namespaceSource = 'kustomization';
  }
  return {
    file,
    document,
    kustomizationNamespace,
    group: av.group,
    version: av.version,
    kind,
    name: rawName && !isSubstituted(rawName) ? rawName : undefined,
    namespace,
    namespaceSource,
    isPatch,
    value,
  };
}

/**
 * The resources of `before` that are not in `after`. Kept resources keep their relative order
 * (documents do), so one walk over both lists finds them without hashing every resource.
 */
function removedResources(before: Resource[], after: Resource[], added: Resource[]): Resource[] {
  const fresh = new Set(added);
  const removed: Resource[] = [];
  let j = 0;
  for (const r of after) {
    if (fresh.has(r)) continue;
    let k = j;
    while (k < before.length && before[k] !== r) k++;
    if (k === before.length) {
      // Out of order (documents swapped): compare as sets.
      const kept = new Set(after);
      return before.filter((x) => !kept.has(x));
    }
    for (; j < k; j++) removed.push(before[j]);
    j = k + 1;
  }
  for (; j < before.length; j++) removed.push(before[j]);
  return removed;
}

export function namespacesMatch(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function addKeysOf(change: ChangeSet, r: Resource): void {
  change.keys.add(`${r.kind}|*`);
  change.keys.add(`${r.kind}|${r.name ?? '?'}`);
}

function sameNamespaceContext(r: Resource, kustomizationNamespace: string | undefined): boolean {
  return r.kustomizationNamespace === kustomizationNamespace;
}
