// The workspace model: every YAML file's documents, the CNPG resources in them, and the
// kustomizations that give them namespaces. Files are set and removed one at a time; each
// change reports which lookup keys it touched so the linter re-checks only what depends on them.
import { parseYamlFile, type ParsedFile } from '../yaml/parse';
import { isKustomizationFile, readKustomization, type Kustomization } from './kustomize';
import { posix, toModelPath } from './paths';
import { asRecord, asString, isKnownKind, isSubstituted, splitApiVersion, type Resource } from './resource';

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
}

export interface FindResult {
  resource: Resource | undefined;
  /** Several non-patch documents matched and the choice would be a guess. */
  ambiguous: boolean;
}

export class WorkspaceModel {
  private readonly files = new Map<string, ModelFile>();
  private readonly kustomizations = new Map<string, Kustomization>();
  private byKind = new Map<string, Resource[]>();
  private indexDirty = true;

  /** Adds or replaces a file; returns what changed. */
  setFile(path: string, text: string, skipped?: string): ChangeSet {
    const p = toModelPath(path);
    const old = this.files.get(p);
    if (old && old.parsed.text === text && old.skipped === skipped) return { files: new Set(), keys: new Set(), removed: [] };
    const parsed = skipped ? parseYamlFile('') : parseYamlFile(text, old?.parsed);
    const change = this.removeInternal(p);
    if (isKustomizationFile(p)) {
      const value = parsed.documents[0]?.value;
      this.kustomizations.set(posix.dirname(p), readKustomization(p, value));
      // Namespaces and patch status of everything below may change.
      this.refreshResourcesBelow(posix.dirname(p), change);
    }
    const file: ModelFile = { path: p, parsed, resources: [], skipped };
    file.resources = this.resourcesOf(file, old?.resources);
    this.files.set(p, file);
    addChangedKeys(change, old?.resources ?? [], file.resources);
    change.files.add(p);
    this.indexDirty = true;
    return change;
  }

  removeFile(path: string): ChangeSet {
    const p = toModelPath(path);
    const old = this.files.get(p);
    const change = this.removeInternal(p);
    addChangedKeys(change, old?.resources ?? [], []);
    if (this.kustomizations.delete(posix.dirname(p)) && isKustomizationFile(p)) {
      this.refreshResourcesBelow(posix.dirname(p), change);
    }
    this.indexDirty = true;
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

  /** Resources of a kind; patches excluded unless asked for. */
  ofKind(kind: string, includePatches = false): Resource[] {
    this.ensureIndex();
    const list = this.byKind.get(kind) ?? [];
    return includePatches ? list : list.filter((r) => !r.isPatch);
  }

  /**
   * The resource of a kind and name that a resource in `namespace` can see. An unknown namespace
   * on either side matches any namespace. Patches are never chosen; several candidates are ambiguous.
   */
  find(kind: string, namespace: string | undefined, name: string): FindResult {
    const matches = this.ofKind(kind).filter((r) => r.name === name && namespacesMatch(r.namespace, namespace));
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
    const change: ChangeSet = { files: new Set([p]), keys: new Set(), removed: [] };
    const old = this.files.get(p);
    if (old) this.files.delete(p);
    return change;
  }

  private refreshResourcesBelow(dir: string, change: ChangeSet): void {
    const prefix = dir === '.' || dir === '/' ? '' : `${dir}/`;
    for (const file of this.files.values()) {
      if (prefix && !file.path.startsWith(prefix)) continue;
      const before = file.resources;
      file.resources = this.resourcesOf(file, before);
      addChangedKeys(change, before, file.resources);
      change.files.add(file.path);
    }
  }

  /** Reads the file's resources, reusing the previous objects of documents that did not change. */
  private resourcesOf(file: ModelFile, previous: Resource[] = []): Resource[] {
    if (isKustomizationFile(file.path)) return [];
    const result: Resource[] = [];
    const patchOwners = [...this.kustomizations.values()].filter((k) => k.patchFiles.includes(file.path));
    const kustomization = this.kustomizationFor(file.path);
    const byDocument = new Map(previous.map((r) => [r.document, r]));
    for (const document of file.parsed.documents) {
      const prior = byDocument.get(document);
      if (prior && prior.isPatch === patchOwners.length > 0 && sameNamespaceContext(prior, kustomization?.namespace)) {
        result.push(prior);
        continue;
      }
      const value = asRecord(document.value);
      if (!value) continue;
      const av = splitApiVersion(value.apiVersion);
      const kind = asString(value.kind);
      if (!av || !kind || !isKnownKind(av.group, kind)) continue;
      const metadata = asRecord(value.metadata) ?? {};
      const rawName = asString(metadata.name);
      const rawNs = asString(metadata.namespace);
      let namespace: string | undefined;
      let namespaceSource: Resource['namespaceSource'] = 'unknown';
      if (rawNs && !isSubstituted(rawNs)) {
        namespace = rawNs;
        namespaceSource = 'metadata';
      } else if (!rawNs && kustomization?.namespace) {
        namespace = kustomization.namespace;
        namespaceSource = 'kustomization';
      }
      // A kustomization's `namespace:` overrides metadata at build time.
      if (kustomization?.namespace && namespaceSource === 'metadata' && rawNs !== kustomization.namespace) {
        namespace = kustomization.namespace;
        namespaceSource = 'kustomization';
      }
      result.push({
        file: file.path,
        document,
        kustomizationNamespace: kustomization?.namespace,
        group: av.group,
        version: av.version,
        kind,
        name: rawName && !isSubstituted(rawName) ? rawName : undefined,
        namespace,
        namespaceSource,
        isPatch: patchOwners.length > 0,
        value,
      });
    }
    return result;
  }

  private ensureIndex(): void {
    if (!this.indexDirty) return;
    const byKind = new Map<string, Resource[]>();
    for (const file of this.files.values()) {
      for (const r of file.resources) {
        let list = byKind.get(r.kind);
        if (!list) byKind.set(r.kind, (list = []));
        list.push(r);
      }
    }
    this.byKind = byKind;
    this.indexDirty = false;
  }
}

export function namespacesMatch(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Adds the lookup keys of resources that appeared or disappeared (a changed document is a new resource). */
function addChangedKeys(change: ChangeSet, before: Resource[], after: Resource[]): void {
  const kept = new Set(after);
  const old = new Set(before);
  for (const r of before) {
    if (kept.has(r)) continue;
    change.removed.push(r);
    addKeysOf(change, r);
  }
  for (const r of after) if (!old.has(r)) addKeysOf(change, r);
}

function addKeysOf(change: ChangeSet, r: Resource): void {
  change.keys.add(`${r.kind}|*`);
  change.keys.add(`${r.kind}|${r.name ?? '?'}`);
}

function sameNamespaceContext(r: Resource, kustomizationNamespace: string | undefined): boolean {
  return r.kustomizationNamespace === kustomizationNamespace;
}
