// The new CloudNativePG Cluster built from a Zalando manifest, in its two shapes: a logical import
// (bootstrap.initdb.import) and a physical replica (pg_basebackup + replica mode). cnpg-facts.md §f.
import type { NodeComment } from '../render';
import type { GeneratedDocument } from './backups';
import { pluginEntry, PLUGIN_COMMENT } from './backups';
import { droppedComment, splitParameters } from './parameters';
import type { ZalandoCluster } from './read';
import type { ImportShape } from './roles';

/** The CloudNativePG image for a major: a `standard` image, which works with the Barman Cloud Plugin (§a, §c rule 30). */
export function cnpgImage(major: number): string {
  return `ghcr.io/cloudnative-pg/postgresql:${major}-standard-bookworm`;
}

/** Zalando's secret for one of its users: `{username}.{cluster}.credentials.postgresql.acid.zalan.do` (§f). */
export function zalandoSecret(user: string, cluster: string): string {
  return `${user}.${cluster}.credentials.postgresql.acid.zalan.do`;
}

/** The Zalando primary's service: `<cluster>.<namespace>.svc`, or `<cluster>` when the namespace is unknown. */
export function zalandoHost(z: ZalandoCluster): string {
  return z.namespace !== undefined ? `${z.name}.${z.namespace}.svc` : z.name;
}

/** Extensions Spilo creates that the CloudNativePG standard image does not ship (Spilo post_init.sh; §f). */
export const SPILO_EXTENSIONS = ['pg_stat_kcache', 'set_user', 'pg_auth_mon', 'pg_cron', 'pg_mon'];
/** Spilo's helper schemas: monitoring views over pg_stat_kcache, and user-management functions granted to `admin`. */
export const SPILO_SCHEMAS = ['metric_helpers', 'user_management'];

/** pg_dump options that leave Spilo's own objects behind. `--exclude-extension` exists from pg_dump 17. */
export function dumpOptions(major: number): string[] {
  const schemas = SPILO_SCHEMAS.map((s) => `--exclude-schema=${s}`);
  return major >= 17 ? [...schemas, ...SPILO_EXTENSIONS.map((e) => `--exclude-extension=${e}`)] : schemas;
}

export interface ClusterPlan {
  name: string;
  /** metadata.namespace to write (the Zalando manifest's own, when it has one). */
  namespace: string | undefined;
  store: string;
  source: string;
}

interface Common {
  spec: Record<string, unknown>;
  comments: NodeComment[];
  dropped: string[];
}

function commonSpec(z: ZalandoCluster): Common {
  const spec: Record<string, unknown> = { instances: z.instances, imageName: cnpgImage(z.major) };
  const comments: NodeComment[] = [{ path: ['spec', 'imageName'], above: [`The same major as the Zalando cluster (postgresql.version ${z.major}).`] }];
  const storage: Record<string, unknown> = { size: z.volume.size };
  if (z.volume.storageClass !== undefined) storage.storageClass = z.volume.storageClass;
  spec.storage = storage;
  if (z.resources) spec.resources = z.resources;
  if (z.tolerations || z.nodeAffinity) {
    const affinity: Record<string, unknown> = {};
    if (z.tolerations) affinity.tolerations = z.tolerations;
    if (z.nodeAffinity) affinity.nodeAffinity = z.nodeAffinity;
    spec.affinity = affinity;
    if (z.tolerations) comments.push({ path: ['spec', 'affinity', 'tolerations'], above: ['Cluster tolerations live under spec.affinity (spec.tolerations is not a Cluster field; cnpg-facts.md §c rule 25).'] });
  }
  const { kept, dropped } = splitParameters(z.parameters);
  const droppedLines = droppedComment(dropped);
  if (Object.keys(kept).length > 0) {
    spec.postgresql = { parameters: kept };
    if (droppedLines.length > 0) comments.push({ path: ['spec', 'postgresql', 'parameters'], above: droppedLines });
  }
  return { spec, comments, dropped: droppedLines.length > 0 && Object.keys(kept).length === 0 ? droppedLines : [] };
}

function externalCluster(z: ZalandoCluster, user: 'postgres' | 'standby'): Record<string, unknown> {
  const connectionParameters: Record<string, unknown> = { host: zalandoHost(z), user };
  if (user === 'postgres') connectionParameters.dbname = 'postgres';
  // Spilo's pg_hba rejects connections without SSL (hostnossl ... reject).
  connectionParameters.sslmode = 'require';
  return { name: z.name, connectionParameters, password: { name: zalandoSecret(user, z.name), key: 'password' } };
}

function cluster(plan: ClusterPlan, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: plan.namespace !== undefined ? { name: plan.name, namespace: plan.namespace } : { name: plan.name },
    spec,
  };
}

export function importCluster(z: ZalandoCluster, shape: ImportShape, plan: ClusterPlan, header: string[]): GeneratedDocument {
  const { spec, comments, dropped } = commonSpec(z);
  if (shape.managedRoles.length > 0) {
    spec.managed = { roles: shape.managedRoles };
    comments.push({ path: ['spec', 'managed'], above: ['The Zalando users and their flags. Without passwordSecret a managed role\'s password is never set or changed.'] });
  }
  const imp: Record<string, unknown> = { type: shape.type, databases: shape.databases };
  if (shape.roles) imp.roles = shape.roles;
  imp.source = { externalCluster: plan.source };
  imp.pgDumpExtraOptions = dumpOptions(z.major);
  const initdb: Record<string, unknown> = {};
  if (shape.database !== undefined) initdb.database = shape.database;
  if (shape.owner !== undefined) initdb.owner = shape.owner;
  initdb.import = imp;
  spec.bootstrap = { initdb };
  const importPath = ['spec', 'bootstrap', 'initdb', 'import'];
  if (shape.roles?.includes('*')) comments.push({ path: [...importPath, 'roles'], above: ['All roles: prepared databases grant between the operator\'s owner/reader/writer roles.'] });
  else if (shape.roles) comments.push({ path: [...importPath, 'roles'], above: ['admin, cron_admin and robot_zmon are Spilo\'s: its databases grant to them, and the restore fails on a grant', 'to a missing role. Listed roles that do not exist at the source are skipped.'] });
  comments.push({
    path: [...importPath, 'pgDumpExtraOptions'],
    above: z.major >= 17
      ? ['Leave Spilo\'s helper schemas and the extensions the CloudNativePG image lacks out of the dump.']
      : ['Leave Spilo\'s helper schemas out of the dump. pg_dump before 17 cannot exclude extensions: see the NOTE above.'],
  });
  spec.externalClusters = [externalCluster(z, 'postgres')];
  spec.plugins = [pluginEntry(plan.store)];
  comments.push({ path: ['spec', 'plugins'], above: PLUGIN_COMMENT });
  return { value: cluster(plan, spec), header: [...header, ...prefixed(dropped)], comments };
}

export function replicaCluster(z: ZalandoCluster, plan: ClusterPlan, header: string[]): GeneratedDocument {
  const { spec, comments, dropped } = commonSpec(z);
  spec.bootstrap = { pg_basebackup: { source: plan.source } };
  spec.replica = { enabled: true, source: plan.source };
  comments.push({ path: ['spec', 'replica'], above: ['On cutover day, stop writes to the Zalando cluster and set enabled: false (`cnpg-tools generate promote`).', 'Promotion cannot be undone.'] });
  spec.externalClusters = [externalCluster(z, 'standby')];
  spec.plugins = [pluginEntry(plan.store)];
  comments.push({ path: ['spec', 'plugins'], above: [...PLUGIN_COMMENT, 'A replica bootstrapped with pg_basebackup gets the plugin sidecar from plugin 0.14.0 on (#965).'] });
  return { value: cluster(plan, spec), header: [...header, ...prefixed(dropped)], comments };
}

function prefixed(lines: string[]): string[] {
  return lines.length > 0 ? ['', ...lines] : [];
}
