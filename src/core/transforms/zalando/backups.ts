// Backups for a Cluster that starts life without any: the Barman Cloud Plugin as WAL archiver, an
// ObjectStore (an existing one named by the user, or a skeleton with `# TODO` placeholders) and a
// daily ScheduledBackup with a six-field schedule (cnpg-facts.md §b Mapping, §c rules 6, 15, 17).
import type { WorkspaceModel } from '../../model/workspace';
import type { Resource } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import { OBJECT_STORE_API_VERSION } from '../barman-plugin/store-doc';
import { storeName } from '../barman-plugin/stores';
import type { NodeComment } from '../render';
import { sameNamespace } from '../namespaces';
import { TransformRefused } from '../types';

export interface GeneratedDocument {
  value: Record<string, unknown>;
  header?: string[];
  comments: NodeComment[];
}

export interface StoreChoice {
  name: string;
  /** True when this run writes a skeleton ObjectStore. */
  create: boolean;
  notes: string[];
}

/** The ObjectStore the new Cluster archives to: the one named by the user, else `<cluster>-store`. */
export function chooseStore(model: WorkspaceModel, anchor: Resource, clusterName: string, option: string | undefined): StoreChoice {
  const inNamespace = (name: string) => model.ofKind('ObjectStore').filter((s) => s.name === name && sameNamespace(model, s, anchor));
  if (option !== undefined) {
    const name = storeName(option, clusterName);
    const found = inNamespace(name);
    const folder = `<destinationPath>/${clusterName}/`;
    const notes = [`The new Cluster archives to ObjectStore ${name} under ${folder}: that folder must be empty (a new cluster refuses an archive that holds WAL).`];
    if (found.length === 0) notes.push(`ObjectStore ${name} is not in the files read; it must exist in the new Cluster's namespace, or the plugin stalls reconciliation (cnpg-facts.md §b).`);
    return { name, create: false, notes };
  }
  const name = storeName('${cluster}-store', clusterName);
  const taken = inNamespace(name);
  if (taken.length > 0) {
    throw new TransformRefused([{ subject: `ObjectStore ${name}`, reason: `it already exists (${taken[0].file}); pass --object-store ${name} to archive to it, or another name.` }]);
  }
  return { name, create: true, notes: [`ObjectStore ${name} is a skeleton: fill in the lines marked TODO (bucket, endpoint, credentials secret) before applying.`] };
}

export function pluginEntry(store: string): Record<string, unknown> {
  return { name: BARMAN_PLUGIN_NAME, isWALArchiver: true, parameters: { barmanObjectName: store } };
}

export const PLUGIN_COMMENT = [
  'Backups through the Barman Cloud Plugin (install it first; it needs cert-manager).',
  'isWALArchiver: true makes it the WAL archiver (cnpg-facts.md §c rule 6).',
];

function metadata(name: string, namespace: string | undefined): Record<string, unknown> {
  return namespace !== undefined ? { name, namespace } : { name };
}

export function objectStoreSkeleton(name: string, namespace: string | undefined, clusterName: string): GeneratedDocument {
  const value = {
    apiVersion: OBJECT_STORE_API_VERSION,
    kind: 'ObjectStore',
    metadata: metadata(name, namespace),
    spec: {
      retentionPolicy: '30d',
      configuration: {
        destinationPath: `s3://TODO-bucket/${clusterName}`,
        endpointURL: 'https://TODO.s3.example',
        s3Credentials: {
          accessKeyId: { name: 'todo-s3-credentials', key: 'ACCESS_KEY_ID' },
          secretAccessKey: { name: 'todo-s3-credentials', key: 'ACCESS_SECRET_KEY' },
        },
        wal: { compression: 'gzip' },
        data: { compression: 'gzip' },
      },
    },
  };
  const cfg = ['spec', 'configuration'];
  return {
    value,
    header: [`Where ${clusterName} keeps its base backups and WAL. Fill in every TODO before applying.`],
    comments: [
      { path: ['spec', 'retentionPolicy'], inline: 'TODO: how long to keep backups (pattern ^[1-9][0-9]*[dwm]$)' },
      { path: [...cfg, 'destinationPath'], inline: 'TODO: your bucket and folder; it must not hold another cluster\'s WAL' },
      { path: [...cfg, 'endpointURL'], inline: 'TODO: your S3 endpoint; remove this line for AWS S3' },
      { path: [...cfg, 's3Credentials'], above: ['TODO: a Secret with these two keys, in this namespace (or use inheritFromIAMRole: true).'] },
      { path: [...cfg, 's3Credentials', 'accessKeyId', 'name'], inline: 'TODO' },
      { path: [...cfg, 's3Credentials', 'secretAccessKey', 'name'], inline: 'TODO' },
    ],
  };
}

export function scheduledBackup(clusterName: string, namespace: string | undefined): GeneratedDocument {
  return {
    value: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ScheduledBackup',
      metadata: metadata(`${clusterName}-daily`, namespace),
      spec: {
        schedule: '0 0 3 * * *',
        backupOwnerReference: 'self',
        cluster: { name: clusterName },
        method: 'plugin',
        pluginConfiguration: { name: BARMAN_PLUGIN_NAME },
      },
    },
    comments: [
      { path: ['spec', 'schedule'], above: ['Six fields, seconds first: every day at 03:00:00 (a five-field "0 3 * * *" would run hourly; cnpg-facts.md §c rule 17).'] },
      { path: ['spec', 'method'], above: ['method defaults to barmanObjectStore, which fails on a plugin-only cluster (cnpg-facts.md §c rule 14).'] },
    ],
  };
}
