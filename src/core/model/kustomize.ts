// What a kustomization.yaml says about the files beside and below it.
import { posix } from './paths';
import { asArray, asRecord, asString } from './resource';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface Kustomization {
  /** Folder of the kustomization file, in the model's path form. */
  dir: string;
  file: string;
  namespace: string | undefined;
  resources: string[];
  /** Files this kustomization applies as patches (resolved paths). */
  patchFiles: string[];
}

export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILES.includes(posix.basename(path));
}

/** Reads a kustomization's value; paths are resolved against its folder. */
export function readKustomization(file: string, value: unknown): Kustomization {
  const dir = posix.dirname(file);
  const v = asRecord(value) ?? {};
  const ns = asString(v.namespace);
  const patchFiles: string[] = [];
  for (const p of asArray(v.patchesStrategicMerge)) {
    if (typeof p === 'string' && !p.includes('\n')) patchFiles.push(posix.join(dir, p));
  }
  for (const p of [...asArray(v.patches), ...asArray(v.patchesJson6902)]) {
    const path = typeof p === 'string' ? p : asString(asRecord(p)?.path);
    if (path) patchFiles.push(posix.join(dir, path));
  }
  const resources = asArray(v.resources).filter((r): r is string => typeof r === 'string').map((r) => posix.join(dir, r));
  return { dir, file, namespace: ns && !ns.includes('${') ? ns : undefined, resources, patchFiles };
}
