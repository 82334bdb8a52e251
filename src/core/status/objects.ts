// Readings of live objects (as the API server returns them) shared by the status functions.
import type { KubeObject } from '../../kube/types';
import { asArray, asRecord, asString, getIn } from '../model/resource';
import { CLUSTER_LABEL } from '../cnpg/constants';
import { parseTime } from './time';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason: string | undefined;
  message: string | undefined;
  lastTransitionTime: number | undefined;
}

export function conditionsOf(obj: unknown): Condition[] {
  return asArray(getIn(obj, ['status', 'conditions'])).flatMap((c) => {
    const r = asRecord(c);
    const type = asString(r?.type);
    if (!r || !type) return [];
    return [{ type, status: asString(r.status) ?? 'Unknown', reason: asString(r.reason), message: asString(r.message), lastTransitionTime: parseTime(r.lastTransitionTime) }];
  });
}

export function conditionOf(obj: unknown, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata.name;
}

export function namespaceOf(obj: KubeObject): string {
  return obj.metadata.namespace ?? '';
}

export function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  return namespaceOf(a) === namespaceOf(b);
}

/** Backups and ScheduledBackups name their cluster in spec.cluster.name. */
export function targetsCluster(obj: KubeObject, cluster: KubeObject): boolean {
  return sameNamespace(obj, cluster) && getIn(obj, ['spec', 'cluster', 'name']) === cluster.metadata.name;
}

/** Pods carry the label cnpg.io/cluster=<name>. */
export function podOfCluster(pod: KubeObject, cluster: KubeObject): boolean {
  return sameNamespace(pod, cluster) && pod.metadata.labels?.[CLUSTER_LABEL] === cluster.metadata.name;
}

export function numberAt(obj: unknown, path: string[]): number | undefined {
  const v = getIn(obj, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function stringAt(obj: unknown, path: string[]): string | undefined {
  return asString(getIn(obj, path));
}

/** Escapes text for a Markdown tooltip (messages come from the cluster and may hold anything). */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~$-]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
