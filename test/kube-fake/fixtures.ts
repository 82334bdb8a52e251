// Realistic live objects for the fake API server: what CNPG 1.30.0, the Barman Cloud plugin v0.14.0
// and the Zalando operator write into status (cnpg-facts.md §d), on a fixed clock.
import type { FakeKubeServer } from './server';
import type { StoredObject } from './store';

/** Every timestamp in the fixtures is relative to this moment. */
export const FIXTURE_NOW = new Date('2026-11-20T10:00:00Z');
export const OPERATOR_IMAGE = 'ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0';
export const PLUGIN_IMAGE = 'ghcr.io/cloudnative-pg/plugin-barman-cloud:v0.14.0';
export const PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';

const at = (hoursAgo: number) => new Date(FIXTURE_NOW.getTime() - hoursAgo * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function condition(type: string, status: 'True' | 'False', reason: string, message: string, hoursAgo = 48) {
  return { type, status, reason, message, lastTransitionTime: at(hoursAgo) };
}

const readyConditions = (archiving: ReturnType<typeof condition>) => [
  condition('Ready', 'True', 'ClusterIsReady', 'Cluster is Ready'),
  archiving,
  condition('LastBackupSucceeded', 'True', 'LastBackupSucceeded', 'Backup was successful', 8),
  condition('ConsistentSystemID', 'True', 'Unique', 'A single, unique system ID was found across reporting instances.'),
  condition('Initialized', 'True', 'BootstrapCompleted', 'Cluster has been bootstrapped', 240),
];

const archivingOk = condition('ContinuousArchiving', 'True', 'ContinuousArchivingSuccess', 'Continuous archiving is working');

export const barmanPluginStatus = {
  name: PLUGIN_NAME,
  version: '0.14.0',
  capabilities: ['TYPE_RECONCILER_HOOKS', 'TYPE_LIFECYCLE_SERVICE'],
  operatorCapabilities: ['TYPE_RECONCILER_HOOKS', 'TYPE_LIFECYCLE_SERVICE'],
  walCapabilities: ['TYPE_ARCHIVE_WAL', 'TYPE_RESTORE_WAL'],
  backupCapabilities: ['TYPE_BACKUP'],
  restoreJobHookCapabilities: ['TYPE_RESTORE_JOB_HOOK'],
  status: '',
};

interface ClusterOptions {
  namespace: string;
  name: string;
  instances?: number;
  backup: 'plugin' | 'in-tree' | 'mixed' | 'snapshots' | 'none';
  archiving?: 'ok' | 'failing';
}

export function cluster(o: ClusterOptions): StoredObject {
  const instances = o.instances ?? 3;
  const names = Array.from({ length: instances }, (_, i) => `${o.name}-${i + 1}`);
  const system = o.backup === 'in-tree' || o.backup === 'mixed';
  const image = `ghcr.io/cloudnative-pg/postgresql:18.4-${system ? 'system' : 'standard'}-trixie`;
  const spec: Record<string, unknown> = { instances, imageName: image, storage: { size: '10Gi' }, postgresql: { parameters: { max_connections: '200' } } };
  const inTreeStore = {
    destinationPath: `s3://pg-backups/${o.namespace}`,
    endpointURL: 'https://s3.eu-central-1.amazonaws.com',
    s3Credentials: {
      accessKeyId: { name: `${o.name}-s3`, key: 'ACCESS_KEY_ID' },
      secretAccessKey: { name: `${o.name}-s3`, key: 'ACCESS_SECRET_KEY' },
    },
    wal: { compression: 'gzip' },
  };
  if (o.backup === 'plugin') spec.plugins = [{ name: PLUGIN_NAME, isWALArchiver: true, parameters: { barmanObjectName: `${o.name}-store` } }];
  if (o.backup === 'in-tree') spec.backup = { barmanObjectStore: inTreeStore, retentionPolicy: '30d' };
  if (o.backup === 'mixed') {
    // Admitted by the webhook (the plugin is not the WAL archiver) and archives every WAL twice (facts §a).
    spec.backup = { barmanObjectStore: inTreeStore, retentionPolicy: '30d' };
    spec.plugins = [{ name: PLUGIN_NAME, parameters: { barmanObjectName: `${o.name}-store` } }];
  }
  if (o.backup === 'snapshots') spec.backup = { volumeSnapshot: { className: 'csi-hostpath-snapclass' } };
  const archiving =
    o.archiving === 'failing'
      ? condition('ContinuousArchiving', 'False', 'ContinuousArchivingFailing', 'unexpected failure invoking barman-cloud-wal-archive: exit status 4', 3)
      : archivingOk;
  const status: Record<string, unknown> = {
    instances,
    readyInstances: instances,
    phase: 'Cluster in healthy state',
    currentPrimary: names[0],
    currentPrimaryTimestamp: at(240),
    targetPrimary: names[0],
    targetPrimaryTimestamp: at(240),
    latestGeneratedNode: instances,
    instanceNames: names,
    instancesStatus: { healthy: names },
    timelineID: 1,
    systemID: '7441289532100345877',
    image,
    writeService: `${o.name}-rw`,
    readService: `${o.name}-r`,
    selector: `cnpg.io/cluster=${o.name},cnpg.io/podRole=instance`,
    cloudNativePGCommitHash: '4b5e244a',
    // Without archiving there is no ContinuousArchiving and, before a first backup, no LastBackupSucceeded.
    conditions: o.backup === 'none' || o.backup === 'snapshots' ? readyConditions(archivingOk).filter((c) => !['ContinuousArchiving', 'LastBackupSucceeded'].includes(c.type)) : readyConditions(archiving),
    healthyPVC: names,
    pvcCount: instances,
    instancesReportedState: Object.fromEntries(names.map((n, i) => [n, { ip: `10.244.${i + 1}.${10 + (o.name.length % 200)}`, isPrimary: i === 0, timeLineID: 1 }])),
    pgDataImageInfo: { image, majorVersion: 18 },
    topology: { instances: Object.fromEntries(names.map((n) => [n, {}])), nodesUsed: instances, successfullyExtracted: true },
    switchReplicaClusterStatus: {},
  };
  if (o.backup === 'plugin' || o.backup === 'mixed') status.pluginStatus = [barmanPluginStatus];
  if (system) {
    // Deprecated in 1.26.1, still written by in-tree archiving, never for plugins (facts §a).
    status.firstRecoverabilityPoint = at(30 * 24);
    status.firstRecoverabilityPointByMethod = { barmanObjectStore: at(30 * 24) };
    status.lastSuccessfulBackup = at(8);
    status.lastSuccessfulBackupByMethod = { barmanObjectStore: at(8) };
  }
  return { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: o.name, namespace: o.namespace, generation: 1 }, spec, status };
}

export function pods(c: StoredObject): StoredObject[] {
  const names = (c.status as { instanceNames: string[] }).instanceNames;
  const usesPlugin = Array.isArray((c.spec as Record<string, unknown>).plugins);
  return names.map((name, i) => {
    const role = i === 0 ? 'primary' : 'replica';
    const initContainers: Record<string, unknown>[] = [{ name: 'bootstrap-controller', image: OPERATOR_IMAGE }];
    if (usesPlugin) initContainers.push({ name: 'plugin-barman-cloud', image: 'ghcr.io/cloudnative-pg/plugin-barman-cloud-sidecar:v0.14.0', restartPolicy: 'Always' });
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: c.metadata.namespace,
        labels: { 'cnpg.io/cluster': c.metadata.name, 'cnpg.io/instanceName': name, 'cnpg.io/instanceRole': role, 'cnpg.io/podRole': 'instance', role },
        annotations: { 'cnpg.io/nodeSerial': String(i + 1), 'cnpg.io/operatorVersion': '1.30.0' },
        ownerReferences: [{ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', name: c.metadata.name, controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [{ name: 'postgres', image: (c.status as { image: string }).image }], initContainers, nodeName: `worker-${i + 1}` },
      status: {
        phase: 'Running',
        podIP: `10.244.${i + 1}.${10 + (c.metadata.name.length % 200)}`,
        startTime: at(240),
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(240) }],
        containerStatuses: [{ name: 'postgres', ready: true, started: true, restartCount: 0, image: (c.status as { image: string }).image }],
      },
    };
  });
}

export function objectStore(namespace: string, name: string, serverName: string): StoredObject {
  return {
    apiVersion: 'barmancloud.cnpg.io/v1',
    kind: 'ObjectStore',
    metadata: { name, namespace, generation: 1 },
    spec: {
      configuration: {
        destinationPath: `s3://pg-backups/${namespace}`,
        endpointURL: 'https://s3.eu-central-1.amazonaws.com',
        s3Credentials: { accessKeyId: { name: 's3-creds', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 's3-creds', key: 'ACCESS_SECRET_KEY' } },
        wal: { compression: 'zstd' },
        data: { compression: 'gzip' },
      },
      retentionPolicy: '30d',
    },
    status: { serverRecoveryWindow: { [serverName]: { firstRecoverabilityPoint: at(30 * 24), lastSuccessfulBackupTime: at(8) } } },
  };
}

export function backup(c: StoredObject, o: { hoursAgo: number; method: 'plugin' | 'barmanObjectStore'; failed?: boolean }): StoredObject {
  const stamp = at(o.hoursAgo).replace(/[-:TZ]/g, '');
  const name = `${c.metadata.name}-${stamp}`;
  const spec: Record<string, unknown> = { cluster: { name: c.metadata.name }, method: o.method };
  if (o.method === 'plugin') spec.pluginConfiguration = { name: PLUGIN_NAME };
  const status: Record<string, unknown> = { method: o.method, startedAt: at(o.hoursAgo), instanceID: { podName: `${c.metadata.name}-2`, ContainerID: 'containerd://6f1c' } };
  if (o.failed) {
    Object.assign(status, { phase: 'failed', error: 'exit status 4', stoppedAt: at(o.hoursAgo - 0.1) });
  } else {
    Object.assign(status, {
      phase: 'completed',
      stoppedAt: at(o.hoursAgo - 0.2),
      backupId: stamp.slice(0, 8) + 'T' + stamp.slice(8),
      backupName: `backup-${stamp}`,
      beginWal: '00000001000000000000002A',
      endWal: '00000001000000000000002C',
      beginLSN: '0/2A000028',
      endLSN: '0/2C000060',
      online: true,
    });
  }
  if (o.method === 'plugin') status.pluginMetadata = { pluginName: PLUGIN_NAME };
  if (o.method === 'barmanObjectStore') Object.assign(status, { serverName: c.metadata.name, destinationPath: `s3://pg-backups/${c.metadata.namespace}` });
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: c.metadata.namespace, labels: { 'cnpg.io/cluster': c.metadata.name, 'cnpg.io/scheduled-backup': `${c.metadata.name}-daily` } },
    spec,
    status,
  };
}

export function scheduledBackup(c: StoredObject, schedule: string, method: 'plugin' | 'barmanObjectStore', nextInHours: number): StoredObject {
  const spec: Record<string, unknown> = { schedule, cluster: { name: c.metadata.name }, method, backupOwnerReference: 'self' };
  if (method === 'plugin') spec.pluginConfiguration = { name: PLUGIN_NAME };
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: { name: `${c.metadata.name}-daily`, namespace: c.metadata.namespace, generation: 1 },
    spec,
    status: { lastCheckTime: at(0.25), lastScheduleTime: at(8), nextScheduleTime: at(-nextInHours) },
  };
}

function deployment(namespace: string, name: string, labels: Record<string, string>, image: string): StoredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'manager', image }] } } },
    status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
  };
}

/** The operator as the release manifest installs it. */
export const operatorDeployment = () => deployment('cnpg-system', 'cnpg-controller-manager', { 'app.kubernetes.io/name': 'cloudnative-pg' }, OPERATOR_IMAGE);
/** The plugin as its release manifest installs it: label `app: barman-cloud`, so only the image identifies it. */
export const pluginDeployment = () => deployment('cnpg-system', 'barman-cloud', { app: 'barman-cloud' }, PLUGIN_IMAGE);

export function zalandoCluster(namespace: string, name: string, state = 'Running'): StoredObject {
  return {
    apiVersion: 'acid.zalan.do/v1',
    kind: 'postgresql',
    metadata: { name, namespace },
    spec: { teamId: 'acid', numberOfInstances: 2, volume: { size: '10Gi' }, users: { zalando: ['superuser', 'createdb'] }, databases: { foo: 'zalando' }, postgresql: { version: '17' } },
    status: { PostgresClusterStatus: state },
  };
}

/** The standard scene: plugin, in-tree, mixed and failing clusters, backups, the operator, a Zalando cluster. */
export function standardScene(): StoredObject[] {
  const plugin = cluster({ namespace: 'db', name: 'pg-plugin', backup: 'plugin' });
  const inTree = cluster({ namespace: 'legacy', name: 'pg-intree', instances: 2, backup: 'in-tree' });
  const mixed = cluster({ namespace: 'db', name: 'pg-mixed', instances: 1, backup: 'mixed' });
  const failing = cluster({ namespace: 'payments', name: 'pg-failing', backup: 'in-tree', archiving: 'failing' });
  const failingStatus = failing.status as { conditions: { type: string; status: string; reason: string; message: string }[] };
  failingStatus.conditions[2] = condition('LastBackupSucceeded', 'False', 'LastBackupFailed', 'exit status 4', 2);
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cnpg-system' } },
    operatorDeployment(),
    pluginDeployment(),
    plugin,
    ...pods(plugin),
    objectStore('db', 'pg-plugin-store', 'pg-plugin'),
    backup(plugin, { hoursAgo: 8, method: 'plugin' }),
    scheduledBackup(plugin, '0 0 2 * * *', 'plugin', 16),
    inTree,
    ...pods(inTree),
    backup(inTree, { hoursAgo: 8, method: 'barmanObjectStore' }),
    // Five fields: robfig/cron reads seconds first, so this runs at minute 2 of every hour (facts §c rule 17).
    scheduledBackup(inTree, '0 2 * * *', 'barmanObjectStore', 0.5),
    mixed,
    ...pods(mixed),
    objectStore('db', 'pg-mixed-store', 'pg-mixed'),
    failing,
    ...pods(failing),
    backup(failing, { hoursAgo: 2, method: 'barmanObjectStore', failed: true }),
    zalandoCluster('legacy', 'acid-minimal-cluster'),
  ];
}

/** A large fleet for benchmarks: plugin clusters spread over namespaces, with pods, stores and backups. */
export function fleet(clusters: number, namespaces: number): StoredObject[] {
  const out: StoredObject[] = [operatorDeployment(), pluginDeployment()];
  for (let i = 0; i < clusters; i++) {
    const ns = `team-${String(i % namespaces).padStart(2, '0')}`;
    const c = cluster({ namespace: ns, name: `pg-${String(i).padStart(4, '0')}`, backup: 'plugin', archiving: i % 17 === 0 ? 'failing' : 'ok' });
    out.push(c, ...pods(c), objectStore(ns, `${c.metadata.name}-store`, c.metadata.name), backup(c, { hoursAgo: 8, method: 'plugin' }), scheduledBackup(c, '0 0 2 * * *', 'plugin', 16));
  }
  return out;
}

/**
 * The fixtures on another clock: every timestamp keeps its distance to FIXTURE_NOW but is measured
 * from `now`. Tests that drive the real extension (which reads the real clock) use this, so
 * "backup 8h ago" stays 8 hours whatever day the suite runs.
 */
export function rebased(objects: StoredObject[], now: Date): StoredObject[] {
  const shift = now.getTime() - FIXTURE_NOW.getTime();
  const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string' && isoTimestamp.test(value)) {
      return new Date(Date.parse(value) + shift).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visit(inner)]));
    }
    return value;
  };
  return objects.map((o) => visit(o) as StoredObject);
}

export function load(server: FakeKubeServer, objects: StoredObject[]): void {
  for (const o of objects) server.put(o);
}
