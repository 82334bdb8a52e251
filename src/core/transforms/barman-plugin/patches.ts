// Kustomize and Flux patches that would put `barmanObjectStore` back into a Cluster at build time
// (re-enabling in-tree archiving next to the plugin, which the webhook rejects, cnpg-facts.md §a), or
// set a `retentionPolicy` that the plugin ignores on the Cluster (§c rule 2). Migrating the base while
// such a patch stays would change what the overlay means, so the migration refuses instead.
import { parseAllDocuments } from 'yaml';
import type { WorkspaceModel } from '../../model/workspace';
import { isKustomizationFile } from '../../model/kustomize';
import { posix } from '../../model/paths';
import { asArray, asRecord, asString, getIn } from '../../model/resource';

export interface PatchHit {
  file: string;
  what: string;
  /** The in-tree key the patch sets. */
  key: 'barmanObjectStore' | 'retentionPolicy';
}

interface PatchEntry {
  text: string | undefined;
  target: Record<string, unknown> | undefined;
  where: string;
}

/** A patch that mentions an in-tree key, with the file that declares it. */
export interface InTreePatch extends PatchEntry {
  file: string;
  key: PatchHit['key'];
}

/** Every Kustomize or Flux patch of the workspace that mentions barmanObjectStore or retentionPolicy. */
export function inTreePatches(model: WorkspaceModel): InTreePatch[] {
  const out: InTreePatch[] = [];
  for (const file of model.allFiles()) {
    const isKustomization = isKustomizationFile(file.path);
    for (const d of file.parsed.documents) {
      if (!isKustomization && !d.text.includes('kustomize.toolkit.fluxcd.io')) continue;
      const v = asRecord(d.value);
      if (!v) continue;
      let entries: PatchEntry[] = [];
      if (isKustomization) entries = kustomizePatches(model, file.path, v);
      else if (/^kustomize\.toolkit\.fluxcd\.io\//.test(asString(v.apiVersion) ?? '') && v.kind === 'Kustomization') entries = fluxPatches(asRecord(v.spec) ?? {});
      for (const e of entries) {
        const key = e.text?.includes('barmanObjectStore') ? 'barmanObjectStore' : e.text?.includes('retentionPolicy') ? 'retentionPolicy' : undefined;
        if (key) out.push({ ...e, file: file.path, key });
      }
    }
  }
  return out;
}

/** The patches that may set in-tree keys of the named Cluster. */
export function patchesReAddingInTree(model: WorkspaceModel, clusterName: string, patches = inTreePatches(model)): PatchHit[] {
  return patches.filter((p) => appliesTo(p, clusterName)).map((p) => ({ file: p.file, what: p.where, key: p.key }));
}

function kustomizePatches(model: WorkspaceModel, path: string, v: Record<string, unknown>): PatchEntry[] {
  const dir = posix.dirname(path);
  const read = (p: string) => model.getFile(posix.join(dir, p))?.parsed.text;
  const out: PatchEntry[] = [];
  for (const p of asArray(v.patchesStrategicMerge)) {
    if (typeof p !== 'string') continue;
    out.push(p.includes('\n') ? { text: p, target: undefined, where: 'an inline patchesStrategicMerge entry' } : { text: read(p), target: undefined, where: `patch ${p}` });
  }
  for (const raw of [...asArray(v.patches), ...asArray(v.patchesJson6902)]) {
    const p = asRecord(raw);
    if (!p) continue;
    const target = asRecord(p.target);
    const inline = asString(p.patch);
    const file = asString(p.path);
    if (inline !== undefined) out.push({ text: inline, target, where: 'an inline patch' });
    else if (file !== undefined) out.push({ text: read(file), target, where: `patch ${file}` });
  }
  return out;
}

function fluxPatches(spec: Record<string, unknown>): PatchEntry[] {
  const out: PatchEntry[] = [];
  for (const raw of asArray(spec.patches)) {
    const p = asRecord(raw);
    if (p) out.push({ text: asString(p.patch), target: asRecord(p.target), where: 'a Flux Kustomization patch' });
  }
  for (const raw of asArray(spec.patchesStrategicMerge)) {
    out.push({ text: JSON.stringify(raw), target: undefined, where: 'a Flux patchesStrategicMerge entry' });
  }
  for (const raw of asArray(spec.patchesJson6902)) {
    const p = asRecord(raw);
    if (p) out.push({ text: JSON.stringify(p.patch), target: asRecord(p.target), where: 'a Flux patchesJson6902 entry' });
  }
  return out;
}

/** Whether a patch may apply to the named Cluster; when it cannot be told, it may. */
function appliesTo(e: PatchEntry, clusterName: string): boolean {
  const kind = asString(e.target?.kind);
  if (kind !== undefined && kind !== 'Cluster') return false;
  const name = asString(e.target?.name);
  if (name !== undefined) {
    try {
      return new RegExp(`^(?:${name})$`).test(clusterName);
    } catch {
      return name === clusterName;
    }
  }
  // No target name: a strategic-merge patch names its object itself.
  try {
    const docs = parseAllDocuments(e.text ?? '');
    const values = (Array.isArray(docs) ? docs : []).map((d) => asRecord(d.toJS()));
    const named = values.filter((x) => x && asString(getIn(x, ['metadata', 'name'])) !== undefined);
    if (named.length === 0) return true;
    return named.some((x) => (x!.kind === undefined || x!.kind === 'Cluster') && (getIn(x, ['metadata', 'name']) === clusterName || String(getIn(x, ['metadata', 'name'])).includes('${')));
  } catch {
    return true;
  }
}
