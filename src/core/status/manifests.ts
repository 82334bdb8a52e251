// Finding the live object a manifest in the editor names (CodeLens, reveal). Pure.
import { parseYamlFile } from '../yaml/parse';
import { asRecord, asString, getIn, isSubstituted } from '../model/resource';
import type { ContextSnapshot, KubeObject, WatchedKind } from '../../kube/types';

export interface ManifestRef {
  apiVersion: string;
  kind: string;
  name: string;
  /** Undefined when the manifest has none (Flux/Kustomize supply it) or it is a substitution. */
  namespace: string | undefined;
  /** Zero-based line where the document's content starts. */
  line: number;
  endLine: number;
  index: number;
  value: Record<string, unknown>;
}

/** The named documents of a YAML text with their lines. */
export function manifestDocuments(text: string): ManifestRef[] {
  const result: ManifestRef[] = [];
  for (const d of parseYamlFile(text).documents) {
    const v = asRecord(d.value);
    const kind = asString(v?.kind);
    const apiVersion = asString(v?.apiVersion);
    const name = asString(getIn(v, ['metadata', 'name']));
    if (!v || !kind || !apiVersion || !name || isSubstituted(name)) continue;
    const ns = asString(getIn(v, ['metadata', 'namespace']));
    const range = d.doc.contents?.range;
    const start = range?.[0] ?? 0;
    const end = range?.[1] ?? start;
    result.push({ apiVersion, kind, name, namespace: ns && !isSubstituted(ns) ? ns : undefined, line: d.rangeOf(start, start).start.line, endLine: d.rangeOf(end, end).start.line, index: d.index, value: v });
  }
  return result;
}

/** The CNPG Cluster documents of a YAML text. */
export function clusterDocuments(text: string): ManifestRef[] {
  return manifestDocuments(text).filter((m) => m.kind === 'Cluster' && m.apiVersion.startsWith('postgresql.cnpg.io/'));
}

/** The document at a line, else the first one. */
export function manifestAt(text: string, line: number): ManifestRef | undefined {
  const docs = manifestDocuments(text);
  return docs.find((d) => line >= d.line && line <= d.endLine) ?? docs[0];
}

const KIND_KEYS: Record<string, WatchedKind> = { Cluster: 'clusters', Backup: 'backups', ScheduledBackup: 'scheduledBackups', ObjectStore: 'objectStores', postgresql: 'zalando' };

/** The live object a manifest names: same namespace, or the only one of that name when the namespace is unknown. */
export function liveMatch(snapshot: ContextSnapshot | undefined, kind: string, name: string, namespace: string | undefined): KubeObject | undefined {
  const key = KIND_KEYS[kind];
  const state = key ? snapshot?.kinds[key] : undefined;
  if (state?.state !== 'ok') return undefined;
  const same = state.objects.filter((c) => c.metadata.name === name && (namespace === undefined || c.metadata.namespace === namespace));
  return same.length === 1 ? same[0] : undefined;
}
