// Small builders for live objects as the API server returns them.
import type { KubeObject } from '../../../src/kube/types';
import { clusterStatus, type ClusterStatusInput } from '../../../src/core/status/migration-status';

export const NOW = Date.parse('2026-07-01T12:00:00Z');
export const hoursAgo = (h: number) => new Date(NOW - h * 3600_000).toISOString();

export function obj(apiVersion: string, kind: string, name: string, namespace: string, spec: Record<string, unknown> = {}, status?: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace, creationTimestamp: hoursAgo(100), ...extra }, spec, ...(status ? { status } : {}) };
}

export function cond(type: string, status: 'True' | 'False', reason?: string, message?: string, at?: string) {
  return { type, status, reason, message, lastTransitionTime: at };
}

export const IN_TREE_STORE = { destinationPath: 's3://bucket/pg', endpointURL: 'https://s3.example.com', s3Credentials: { accessKeyId: { name: 's', key: 'a' }, secretAccessKey: { name: 's', key: 'b' } } };

export function cluster(name: string, spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}, ns = 'db'): KubeObject {
  return obj('postgresql.cnpg.io/v1', 'Cluster', name, ns, { instances: 2, ...spec }, { instances: 2, readyInstances: 2, phase: 'Cluster in healthy state', ...status });
}

export function inTreeCluster(name = 'pg', status: Record<string, unknown> = {}): KubeObject {
  return cluster(name, { backup: { barmanObjectStore: IN_TREE_STORE, retentionPolicy: '30d' } }, status);
}

export function barmanPlugin(objectName: string | undefined, extra: Record<string, unknown> = {}) {
  return { name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: objectName ? { barmanObjectName: objectName } : {}, ...extra };
}

export function pluginCluster(name = 'pg', status: Record<string, unknown> = {}, plugin = barmanPlugin('store')): KubeObject {
  return cluster(name, { plugins: [plugin] }, status);
}

export function objectStore(name: string, windows: Record<string, Record<string, string>> = {}, ns = 'db'): KubeObject {
  return obj('barmancloud.cnpg.io/v1', 'ObjectStore', name, ns, { configuration: { destinationPath: 's3://bucket/plugin', endpointURL: 'https://minio.example:9000', s3Credentials: {} }, retentionPolicy: '14d' }, { serverRecoveryWindow: windows });
}

export function backup(name: string, clusterName: string, phase: string, stoppedAt?: string, extra: { method?: string; error?: string; ns?: string; startedAt?: string } = {}): KubeObject {
  return obj('postgresql.cnpg.io/v1', 'Backup', name, extra.ns ?? 'db', { cluster: { name: clusterName }, method: extra.method ?? 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } }, {
    phase,
    startedAt: extra.startedAt ?? stoppedAt,
    stoppedAt,
    error: extra.error,
  });
}

export function scheduledBackup(name: string, clusterName: string, schedule: string, spec: Record<string, unknown> = {}): KubeObject {
  return obj('postgresql.cnpg.io/v1', 'ScheduledBackup', name, 'db', { cluster: { name: clusterName }, schedule, ...spec }, { nextScheduleTime: new Date(NOW + 3600_000).toISOString() });
}

export function pod(name: string, clusterName: string, opts: { ready?: boolean; sidecar?: boolean } = {}): KubeObject {
  const containers = [{ name: 'postgres' }];
  const initContainers = opts.sidecar ? [{ name: 'plugin-barman-cloud', restartPolicy: 'Always' }] : [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'db', labels: { 'cnpg.io/cluster': clusterName } },
    spec: { containers, initContainers },
    status: { phase: 'Running', conditions: [cond('Ready', opts.ready === false ? 'False' : 'True')], containerStatuses: [{ name: 'postgres', restartCount: 0 }] },
  };
}

/** clusterStatus with sensible defaults: everything listed, nothing else in the namespace. */
export function statusOf(c: KubeObject, more: Partial<ClusterStatusInput> = {}) {
  return clusterStatus({ cluster: c, backups: [], scheduledBackups: [], objectStores: { state: 'ok', objects: [] }, pods: [], operatorVersion: '1.30.0', now: NOW, ...more });
}

export function codes(s: { issues: { code: string }[] }): string[] {
  return s.issues.map((i) => i.code).sort();
}
