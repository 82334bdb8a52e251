// A cluster's instances (its Pods) and loaded plugins, as the tree shows them.
import type { KubeObject } from '../../kube/types';
import { asArray, asRecord, asString, getIn } from '../model/resource';
import { conditionOf, podOfCluster, stringAt } from './objects';

/** The container the Barman Cloud Plugin injects into each instance Pod (cnpg-facts.md §b). */
export const BARMAN_SIDECAR = 'plugin-barman-cloud';

export interface InstanceSummary {
  pod: string;
  role: 'primary' | 'replica' | 'unknown';
  ready: boolean;
  phase: string | undefined;
  /** True when the pod runs the plugin-barman-cloud sidecar (a restartable init container or a container). */
  hasBarmanSidecar: boolean;
  restarts: number;
}

export function instancesOf(cluster: KubeObject, pods: KubeObject[]): InstanceSummary[] {
  const currentPrimary = stringAt(cluster, ['status', 'currentPrimary']);
  return pods
    .filter((p) => podOfCluster(p, cluster))
    .map((p) => {
      const labelRole = p.metadata.labels?.['cnpg.io/instanceRole'] ?? p.metadata.labels?.role;
      const role: InstanceSummary['role'] =
        currentPrimary !== undefined ? (p.metadata.name === currentPrimary ? 'primary' : 'replica') : labelRole === 'primary' ? 'primary' : labelRole === 'replica' ? 'replica' : 'unknown';
      const containers = [...asArray(getIn(p, ['spec', 'containers'])), ...asArray(getIn(p, ['spec', 'initContainers']))];
      const statuses = asArray(getIn(p, ['status', 'containerStatuses']));
      const restarts = statuses.reduce<number>((n, s) => n + (typeof asRecord(s)?.restartCount === 'number' ? (asRecord(s)!.restartCount as number) : 0), 0);
      return {
        pod: p.metadata.name,
        role,
        ready: conditionOf(p, 'Ready')?.status === 'True',
        phase: stringAt(p, ['status', 'phase']),
        hasBarmanSidecar: containers.some((c) => asString(asRecord(c)?.name) === BARMAN_SIDECAR),
        restarts,
      };
    })
    .sort((a, b) => (a.role === 'primary' ? -1 : b.role === 'primary' ? 1 : a.pod.localeCompare(b.pod)));
}

export interface LoadedPlugin {
  name: string;
  version: string | undefined;
  capabilities: string[];
  walCapabilities: string[];
  backupCapabilities: string[];
  status: string | undefined;
}

/** status.pluginStatus[] (cnpg-facts.md §d). */
export function loadedPlugins(cluster: KubeObject): LoadedPlugin[] {
  const strings = (v: unknown) => asArray(v).filter((x): x is string => typeof x === 'string');
  return asArray(getIn(cluster, ['status', 'pluginStatus'])).flatMap((p) => {
    const r = asRecord(p);
    const name = asString(r?.name);
    if (!r || !name) return [];
    return [{ name, version: asString(r.version), capabilities: strings(r.capabilities), walCapabilities: strings(r.walCapabilities), backupCapabilities: strings(r.backupCapabilities), status: asString(r.status) }];
  });
}
