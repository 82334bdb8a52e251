// Deterministic generator of a realistic GitOps manifest stream for the benchmark.
// Applications spread over 50 namespaces, each one of:
//   - plugin (50%): ObjectStore + Cluster with the Barman Cloud plugin + ScheduledBackup + Pooler,
//     sometimes an on-demand Backup;
//   - in-tree (35%): Cluster with `backup.barmanObjectStore` + ScheduledBackup + Pooler, sometimes a Backup;
//   - bare (15%): Cluster without backups, sometimes a Pooler.
// About 1% of Clusters carry a misspelt field (`primaryUpdateStrategyy`), so both linters have
// schema errors to find and the benchmark can check they agree on them.

export const NAMESPACES = 50;

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = ['mealie', 'mastodon', 'gitea', 'nextcloud', 'immich', 'authentik', 'paperless', 'grafana', 'keycloak', 'outline', 'miniflux', 'vaultwarden'];
const STORAGE_CLASSES = ['longhorn', 'openebs-hostpath', 'local-path', 'ceph-block'];
const MAJORS = ['15.8', '16.4', '16.6', '17.2', '17.5'];

/**
 * Returns `{text, documents, misspelt}`: `documents` YAML documents joined by `---` lines and the
 * number of deliberately misspelt fields. `migrated: true` makes every application use the plugin
 * (a repository after the migration: few findings).
 */
export function generateManifests(count, seed = 42, { migrated = false } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const docs = [];
  let misspelt = 0;
  for (let unit = 0; docs.length < count; unit++) {
    const ns = `team-${String(unit % NAMESPACES).padStart(2, '0')}`;
    const app = `${pick(APPS)}-${unit}`;
    const cluster = `${app}-pg`;
    const shape = migrated ? 0 : random();
    const typo = random() < 0.01;
    if (typo) misspelt++;
    const major = pick(MAJORS);
    const common = { ns, app, cluster, major, typo, instances: 1 + Math.floor(random() * 3), storageClass: pick(STORAGE_CLASSES), size: `${5 * (1 + Math.floor(random() * 20))}Gi` };
    if (shape < 0.5) {
      docs.push(objectStore(common));
      docs.push(pluginCluster(common));
      docs.push(scheduledBackup(common, 'plugin'));
      docs.push(pooler(common));
      if (random() < 0.3) docs.push(backup(common, 'plugin', unit));
    } else if (shape < 0.85) {
      docs.push(inTreeCluster(common));
      docs.push(scheduledBackup(common, 'barmanObjectStore'));
      docs.push(pooler(common));
      if (random() < 0.3) docs.push(backup(common, 'barmanObjectStore', unit));
    } else {
      docs.push(bareCluster(common));
      if (random() < 0.5) docs.push(pooler(common));
    }
  }
  const documents = docs.slice(0, count);
  return { text: `${documents.join('---\n')}`, documents: documents.length, misspelt };
}

function header(kind, name, ns, group = 'postgresql.cnpg.io/v1') {
  return `apiVersion: ${group}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app.kubernetes.io/part-of: ${name.replace(/-(pg|store|daily|pooler-rw|backup-\d+)$/, '')}\n`;
}

function clusterSpec(c) {
  return (
    `spec:\n  instances: ${c.instances}\n  imageName: ghcr.io/cloudnative-pg/postgresql:${c.major}-standard-bookworm\n` +
    `  primaryUpdateStrategy${c.typo ? 'y' : ''}: unsupervised\n` +
    `  postgresql:\n    parameters:\n      max_connections: "200"\n      shared_buffers: 256MB\n      log_min_duration_statement: "1000"\n` +
    `  bootstrap:\n    initdb:\n      database: ${c.app.replace(/-\d+$/, '')}\n      owner: ${c.app.replace(/-\d+$/, '')}\n` +
    `  storage:\n    size: ${c.size}\n    storageClass: ${c.storageClass}\n` +
    `  resources:\n    requests:\n      cpu: 500m\n      memory: 1Gi\n    limits:\n      memory: 2Gi\n` +
    `  monitoring:\n    enablePodMonitor: true\n`
  );
}

function s3(indent, c) {
  const p = ' '.repeat(indent);
  return (
    `${p}destinationPath: s3://backups/${c.ns}/${c.cluster}\n${p}endpointURL: https://s3.eu-west-1.amazonaws.com\n` +
    `${p}s3Credentials:\n${p}  accessKeyId:\n${p}    name: ${c.cluster}-s3\n${p}    key: ACCESS_KEY_ID\n` +
    `${p}  secretAccessKey:\n${p}    name: ${c.cluster}-s3\n${p}    key: ACCESS_SECRET_KEY\n` +
    `${p}wal:\n${p}  compression: gzip\n${p}  maxParallel: 4\n${p}data:\n${p}  compression: gzip\n`
  );
}

function objectStore(c) {
  return `${header('ObjectStore', `${c.app}-store`, c.ns, 'barmancloud.cnpg.io/v1')}spec:\n  retentionPolicy: "30d"\n  configuration:\n${s3(4, c)}`;
}

function pluginCluster(c) {
  return (
    `${header('Cluster', c.cluster, c.ns)}${clusterSpec(c)}` +
    `  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      isWALArchiver: true\n      parameters:\n        barmanObjectName: ${c.app}-store\n`
  );
}

function inTreeCluster(c) {
  return `${header('Cluster', c.cluster, c.ns)}${clusterSpec(c)}  backup:\n    retentionPolicy: 30d\n    barmanObjectStore:\n${s3(6, c)}`;
}

function bareCluster(c) {
  return `${header('Cluster', c.cluster, c.ns)}${clusterSpec(c)}`;
}

function scheduledBackup(c, method) {
  const plugin = method === 'plugin' ? `  pluginConfiguration:\n    name: barman-cloud.cloudnative-pg.io\n` : '';
  return `${header('ScheduledBackup', `${c.app}-daily`, c.ns)}spec:\n  schedule: "0 0 3 * * *"\n  backupOwnerReference: self\n  method: ${method}\n${plugin}  cluster:\n    name: ${c.cluster}\n`;
}

function backup(c, method, unit) {
  const plugin = method === 'plugin' ? `  pluginConfiguration:\n    name: barman-cloud.cloudnative-pg.io\n` : '';
  return `${header('Backup', `${c.app}-backup-${unit}`, c.ns)}spec:\n  method: ${method}\n${plugin}  cluster:\n    name: ${c.cluster}\n`;
}

function pooler(c) {
  return (
    `${header('Pooler', `${c.app}-pooler-rw`, c.ns)}spec:\n  cluster:\n    name: ${c.cluster}\n  instances: 2\n  type: rw\n` +
    `  pgbouncer:\n    poolMode: transaction\n    parameters:\n      max_client_conn: "1000"\n      default_pool_size: "20"\n`
  );
}
