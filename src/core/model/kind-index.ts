// The workspace's resources by kind and by name, updated one resource at a time.
import type { Resource } from './resource';
import { namespacesMatch } from './workspace';

/**
 * Resources by kind, kept up to date one resource at a time, so that an edit of one document
 * does not rebuild anything for the thousands of others. Lists handed out are cached per kind
 * until a resource of that kind changes; their order is the order files and documents came in.
 */
export class KindIndex {
  /** kind -> file -> that file's resources of the kind, in document order. */
  private readonly byFile = new Map<string, Map<string, Resource[]>>();
  /** kind -> name -> non-patch resources with that name. */
  private readonly byName = new Map<string, Map<string, Resource[]>>();
  private readonly lists = new Map<string, { all?: Resource[]; resources?: Resource[]; patches?: Resource[]; byNamespace?: Map<string, Resource[]> }>();

  add(r: Resource): void {
    let files = this.byFile.get(r.kind);
    if (!files) this.byFile.set(r.kind, (files = new Map()));
    const list = files.get(r.file);
    if (!list) files.set(r.file, [r]);
    else insertInDocumentOrder(list, r);
    if (!r.isPatch && r.name !== undefined) {
      let names = this.byName.get(r.kind);
      if (!names) this.byName.set(r.kind, (names = new Map()));
      const bucket = names.get(r.name);
      if (bucket) bucket.push(r);
      else names.set(r.name, [r]);
    }
    this.lists.delete(r.kind);
  }

  remove(r: Resource): void {
    const files = this.byFile.get(r.kind);
    const list = files?.get(r.file);
    if (list) {
      const i = list.indexOf(r);
      if (i !== -1) list.splice(i, 1);
      if (list.length === 0) files!.delete(r.file);
    }
    if (!r.isPatch && r.name !== undefined) {
      const names = this.byName.get(r.kind);
      const bucket = names?.get(r.name);
      if (bucket) {
        const i = bucket.indexOf(r);
        if (i !== -1) bucket.splice(i, 1);
        if (bucket.length === 0) names!.delete(r.name);
      }
    }
    this.lists.delete(r.kind);
  }

  /** Removes many resources at once (a file closed or deleted): one pass per list, not one search per resource. */
  removeMany(rs: readonly Resource[]): void {
    if (rs.length < 32) {
      for (const r of rs) this.remove(r);
      return;
    }
    const gone = new Set(rs);
    const touched = new Set<string>();
    for (const r of rs) touched.add(`${r.kind}\0${r.file}`);
    for (const key of touched) {
      const [kind, file] = key.split('\0');
      const files = this.byFile.get(kind);
      const list = files?.get(file);
      if (!list) continue;
      const kept = list.filter((r) => !gone.has(r));
      if (kept.length === 0) files!.delete(file);
      else files!.set(file, kept);
      this.lists.delete(kind);
    }
    for (const r of rs) {
      if (r.isPatch || r.name === undefined) continue;
      const names = this.byName.get(r.kind);
      const bucket = names?.get(r.name);
      if (!bucket) continue;
      const i = bucket.indexOf(r);
      if (i !== -1) bucket.splice(i, 1);
      if (bucket.length === 0) names!.delete(r.name);
    }
  }

  ofKind(kind: string, includePatches: boolean): Resource[] {
    const cached = this.cached(kind);
    if (!cached.all) cached.all = [...(this.byFile.get(kind)?.values() ?? [])].flat();
    if (includePatches) return cached.all;
    if (!cached.resources) cached.resources = cached.all.some((r) => r.isPatch) ? cached.all.filter((r) => !r.isPatch) : cached.all;
    return cached.resources;
  }

  /** Only the patches of a kind (usually none), cached like the other lists. */
  patchesOfKind(kind: string): Resource[] {
    const cached = this.cached(kind);
    if (!cached.patches) cached.patches = this.ofKind(kind, true).filter((r) => r.isPatch);
    return cached.patches;
  }

  ofKindIn(kind: string, namespace: string): Resource[] {
    const cached = this.cached(kind);
    if (!cached.byNamespace) cached.byNamespace = new Map();
    let list = cached.byNamespace.get(namespace);
    if (!list) {
      list = this.ofKind(kind, false).filter((r) => namespacesMatch(r.namespace, namespace));
      cached.byNamespace.set(namespace, list);
    }
    return list;
  }

  named(kind: string, name: string): readonly Resource[] {
    return this.byName.get(kind)?.get(name) ?? NONE;
  }

  private cached(kind: string) {
    let c = this.lists.get(kind);
    if (!c) this.lists.set(kind, (c = {}));
    return c;
  }
}

const NONE: readonly Resource[] = [];

function insertInDocumentOrder(list: Resource[], r: Resource): void {
  let i = list.length;
  while (i > 0 && list[i - 1].document.index > r.document.index) i--;
  list.splice(i, 0, r);
}
