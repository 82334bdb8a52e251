// A generator of Cluster manifests in many layouts and shapes, for the property tests.
import fc from 'fast-check';

export interface Shape {
  indent: 2 | 4;
  indentSeq: boolean;
  namespace: boolean;
  retention: 'none' | 'plain' | 'quoted';
  serverName: 'none' | 'plain' | 'quoted';
  credentials: 's3' | 'iam' | 'azure' | 'google';
  wal: boolean;
  comments: boolean;
  blankLines: boolean;
  extras: 'none' | 'target' | 'snapshot';
  plugins: 'none' | 'other' | 'empty';
  recovery: 'none' | 'same-bucket' | 'other-bucket';
  scheduled: 'none' | 'unset' | 'barman' | 'snapshot';
  placement: 'same-file' | 'new-file';
}

export const shape: fc.Arbitrary<Shape> = fc.record({
  indent: fc.constantFrom(2 as const, 4 as const),
  indentSeq: fc.boolean(),
  namespace: fc.boolean(),
  retention: fc.constantFrom('none' as const, 'plain' as const, 'quoted' as const),
  serverName: fc.constantFrom('none' as const, 'plain' as const, 'quoted' as const),
  credentials: fc.constantFrom('s3' as const, 'iam' as const, 'azure' as const, 'google' as const),
  wal: fc.boolean(),
  comments: fc.boolean(),
  blankLines: fc.boolean(),
  extras: fc.constantFrom('none' as const, 'target' as const, 'snapshot' as const),
  plugins: fc.constantFrom('none' as const, 'other' as const, 'empty' as const),
  recovery: fc.constantFrom('none' as const, 'same-bucket' as const, 'other-bucket' as const),
  scheduled: fc.constantFrom('none' as const, 'unset' as const, 'barman' as const, 'snapshot' as const),
  placement: fc.constantFrom('same-file' as const, 'new-file' as const),
});

/** Writes a manifest for a shape; `i(n)` is n indentation levels. */
export function manifest(s: Shape): string {
  const i = (n: number) => ' '.repeat(n * s.indent);
  const dash = (n: number) => (s.indentSeq ? i(n + 1) : i(n)) + '- ';
  const cont = (n: number) => (s.indentSeq ? i(n + 1) : i(n)) + '  ';
  const c = (text: string, n: number) => (s.comments ? [`${i(n)}# ${text}`] : []);
  const blank = s.blankLines ? [''] : [];
  const store = (n: number, bucket: string, serverName: string | undefined): string[] => {
    const lines = [`${i(n)}destinationPath: s3://${bucket}/db`];
    if (serverName) lines.push(...c('the folder to keep', n), `${i(n)}serverName: ${s.serverName === 'quoted' ? `"${serverName}"` : serverName}${s.comments ? ' # keep' : ''}`);
    if (s.credentials === 's3') {
      lines.push(`${i(n)}s3Credentials:`, `${i(n + 1)}accessKeyId:`, `${i(n + 2)}name: s3-creds${s.comments ? ' # from vault' : ''}`, `${i(n + 2)}key: id`);
      lines.push(`${i(n + 1)}secretAccessKey:`, `${i(n + 2)}name: s3-creds`, `${i(n + 2)}key: secret`);
    } else if (s.credentials === 'iam') {
      lines.push(`${i(n)}s3Credentials:`, `${i(n + 1)}inheritFromIAMRole: true`);
    } else if (s.credentials === 'azure') {
      lines.push(`${i(n)}azureCredentials:`, `${i(n + 1)}connectionString:`, `${i(n + 2)}name: azure-creds`, `${i(n + 2)}key: AZURE_CONNECTION_STRING`);
    } else {
      lines.push(`${i(n)}googleCredentials:`, `${i(n + 1)}applicationCredentials:`, `${i(n + 2)}name: gcs-creds`, `${i(n + 2)}key: gcsCredentials`);
    }
    if (s.wal) lines.push(...c('WAL tuning', n), `${i(n)}wal:`, `${i(n + 1)}compression: gzip`, `${i(n + 1)}maxParallel: 4`);
    return lines;
  };
  const lines = ['apiVersion: postgresql.cnpg.io/v1', 'kind: Cluster', 'metadata:', `${i(1)}name: app-db`];
  if (s.namespace) lines.push(`${i(1)}namespace: apps`);
  lines.push('spec:', `${i(1)}instances: 2`, `${i(1)}storage:`, `${i(2)}size: 1Gi`, ...blank);
  if (s.plugins === 'other') lines.push(`${i(1)}plugins:`, `${dash(1)}name: cnpg-i-audit.example.com`, `${cont(1)}enabled: true`, ...blank);
  if (s.plugins === 'empty') lines.push(`${i(1)}plugins: []`);
  if (s.recovery !== 'none') {
    lines.push(`${i(1)}bootstrap:`, `${i(2)}recovery:`, `${i(3)}source: app-db-old`, ...blank);
    lines.push(`${i(1)}externalClusters:`, `${dash(1)}name: app-db-old`, ...c('previous generation', s.indentSeq ? 3 : 2).map((l) => l.replace(/^ */, cont(1))));
    lines.push(`${cont(1)}barmanObjectStore:`, ...store(0, s.recovery === 'same-bucket' ? 'backups' : 'old-backups', undefined).map((l) => cont(1) + i(1) + l));
    lines.push(...blank);
  }
  lines.push(...c('backups', 1), `${i(1)}backup:`);
  if (s.extras === 'target') lines.push(`${i(2)}target: prefer-standby`);
  if (s.extras === 'snapshot') lines.push(`${i(2)}volumeSnapshot:`, `${i(3)}className: csi-snapclass`);
  if (s.retention !== 'none') lines.push(...c('retention', 2), `${i(2)}retentionPolicy: ${s.retention === 'quoted' ? '"14d"' : '14d'}`);
  lines.push(...c('in-tree store', 2), `${i(2)}barmanObjectStore:`, ...store(3, 'backups', s.serverName === 'none' ? undefined : 'app-db-v2'));
  lines.push(...blank, `${i(1)}monitoring:`, `${i(2)}enablePodMonitor: true`);
  let text = lines.join('\n') + '\n';
  if (s.scheduled !== 'none') {
    const method = s.scheduled === 'barman' ? [`${i(1)}method: barmanObjectStore`] : s.scheduled === 'snapshot' ? [`${i(1)}method: volumeSnapshot`] : [];
    text += ['---', 'apiVersion: postgresql.cnpg.io/v1', 'kind: ScheduledBackup', 'metadata:', `${i(1)}name: app-db-daily`, 'spec:', `${i(1)}schedule: "0 0 1 * * *"`, ...method, `${i(1)}cluster:`, `${i(2)}name: app-db`, ''].join('\n');
  }
  return text;
}

