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
    const read = this.resourcesOf(file, old?.resources ?? []);
    file.resources = read.resources;
    this.files.set(p, file);
    this.recordChange(change, read);
    change.files.add(p);
    return change;
  }

  removeFile(path: string): ChangeSet {
    const p = toModelPath(path);
    const old = this.files.get(p);
    const change = this.removeInternal(p);
    this.recordChange(change, { resources: [], added: [], removed: old?.resources ?? [] });
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
   * Kustomize patches of a kind that a resource in `namespace` can see (unknown matches any) whose
   * `metadata.name` is `name` as written, `${...}` substitutions included (a Flux base and its
   * patches name the object with the same variables).
   */
  patchesOf(kind: string, namespace: string | undefined, name: string): Resource[] {
    return this.index.patchesOfKind(kind).filter((r) => asString(asRecord(asRecord(r.value)?.metadata)?.name) === name && namespacesMatch(r.namespace, namespace));
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
      const read = this.resourcesOf(file, before);
      file.resources = read.resources;
      this.recordChange(change, read);
      change.files.add(file.path);
    }
  }

  /**
   * Reads the file's resources, reusing the objects of documents that did not change. `previous`
   * are the file's resources before: one whose document is still at its (updated) index is kept,
   * without hashing anything, so an edit of one document of thousands reads one document.
   */
  private resourcesOf(file: ModelFile, previous: Resource[]): ReadResult {
    const result: ReadResult = { resources: [], added: [], removed: [] };
    if (isKustomizationFile(file.path)) {
      result.removed = previous;
      return result;
    }
    const documents = file.parsed.documents;
    const isPatch = [...this.kustomizations.values()].some((k) => k.patchFiles.includes(file.path));
    const kustomizationNamespace = this.kustomizationFor(file.path)?.namespace;
    const kept: (Resource | undefined)[] = new Array(documents.length);
    for (const r of previous) {
      const d = r.document;
      if (documents[d.index] === d && r.file === file.path && r.isPatch === isPatch && sameNamespaceContext(r, kustomizationNamespace)) kept[d.index] = r;
      else result.removed.push(r);
    }
    for (let i = 0; i < documents.length; i++) {
      const prior = kept[i];
      if (prior) {
        result.resources.push(prior);
        continue;
      }
      const document = documents[i];
      // Documents that are not resources are remembered too (null), so they are not read again.
      if (this.resourceOf.get(document) === null) continue;
      const resource = readResource(file.path, document, kustomizationNamespace, isPatch);
      this.resourceOf.set(document, resource ?? null);
      if (!resource) continue;
      result.resources.push(resource);
      result.added.push(resource);
    }
    return result;
  }

  /** Adds the resources that appeared or disappeared to the change and keeps the index in step. */
  private recordChange(change: ChangeSet, read: ReadResult): void {
    this.index.removeMany(read.removed);
    for (const r of read.removed) {
      change.removed.push(r);
      addKeysOf(change, r);
    }
    for (const r of read.added) {
      this.index.add(r);
      change.added.push(r);
      addKeysOf(change, r);
    }
  }
}

interface ReadResult {
  resources: Resource[];
  /** New resource objects (a changed document is a new resource). */
  added: Resource[];
  /** Previous resources that are gone. */
  removed: Resource[];
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
