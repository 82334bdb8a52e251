// When two resources of a GitOps tree end up in the same namespace. A known namespace on both sides
// must be equal; two unknown namespaces (Flux or Kustomize supplies them) count as the same only when
// the resources sit in the same folder or under the same kustomization.
import type { WorkspaceModel } from '../model/workspace';
import { posix } from '../model/paths';

export interface Placed {
  file: string;
  namespace: string | undefined;
}

export function sameNamespace(model: WorkspaceModel, a: Placed, b: Placed): boolean {
  if (a.namespace !== undefined && b.namespace !== undefined) return a.namespace === b.namespace;
  if (a.namespace !== undefined || b.namespace !== undefined) return false;
  if (posix.dirname(a.file) === posix.dirname(b.file)) return true;
  const ka = model.kustomizationFor(a.file);
  return ka !== undefined && ka === model.kustomizationFor(b.file);
}

export function displayName(r: { kind: string; namespace: string | undefined; name: string | undefined }): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name ?? '(unnamed)'}`;
}
