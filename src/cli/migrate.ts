// `cnpg-tools migrate barman-plugin|object-store`: the migrations as a dry run (a unified diff on
// stdout) or, with --write, applied to the files. A file is written whole or not at all (temp file
// + rename), a created file never replaces an existing one, and nothing is written when a migration
// refuses (exit 3) or a file changed on disk since it was read.
import { chmodSync, existsSync, linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { addSource, DEFAULT_MAX_FILE_SIZE } from '../core/lint';
import { WorkspaceModel } from '../core/model/workspace';
import { isKustomizationFile } from '../core/model/kustomize';
import type { FileChange } from '../core/rules/types';
import { migrateToBarmanPlugin, type Placement } from '../core/transforms/barman-plugin';
import { switchObjectStore } from '../core/transforms/object-store-switch';
import { applyTextEdits } from '../core/transforms/text/edits';
import { TransformInputError, TransformRefused, type TransformResult } from '../core/transforms/types';
import type { CliCommand } from './commands';
import { unifiedDiff } from './diff';
import { collectYamlFiles, displayPath, UsageError } from './files';

export const MIGRATE_HELP = `Usage:
  cnpg-tools migrate barman-plugin [options] [PATH...]
  cnpg-tools migrate object-store --endpoint URL [options] [PATH...]

barman-plugin: move Clusters from in-tree Barman Cloud (spec.backup.barmanObjectStore) to the
Barman Cloud Plugin: an ObjectStore with the same settings, the plugin as WAL archiver with the
same serverName, Backups/ScheduledBackups on method: plugin, externalClusters on plugin blocks.
  --cluster NAME               only this Cluster (NAME or NAMESPACE/NAME; repeatable; default: all)
  --object-store-name TEMPLATE ObjectStore name, \${cluster} is the Cluster name (default: \${cluster}-store)
  --placement auto|same-file|new-file
                               where new ObjectStores go (default: auto = a new file listed in the
                               folder's kustomization.yaml when there is one, else after the Cluster)

object-store: point ObjectStores at another S3 service (e.g. MinIO -> Garage), keeping wal, data
and retentionPolicy.
  --endpoint URL               new endpointURL (required)
  --ca-secret NAME[:KEY]       new endpointCA secret (KEY defaults to the current key, else ca.crt)
  --secret OLD=NEW             rename a credential secret reference (repeatable)
  --destination-path PATH      new destinationPath
  --store NAME                 only this ObjectStore (NAME or NAMESPACE/NAME; repeatable; default: all)

Both:
  --write                      apply the changes (default: print a unified diff and change nothing)
  -h, --help                   show this help
PATH defaults to the current directory; folders are searched for *.yaml and *.yml.

Exit status: 0 done (or nothing to do), 2 bad input, 3 refused (nothing was changed).`;

type Out = (s: string) => void;

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate barman-plugin|object-store',
  summary: 'migrate manifests (see: cnpg-tools migrate --help)',
  run(argv, out, err) {
    const [which, ...rest] = argv;
    if (!which || which === '--help' || which === '-h') {
      out(MIGRATE_HELP);
      return which ? 0 : 2;
    }
    if (which !== 'barman-plugin' && which !== 'object-store') throw new UsageError(`Unknown migration "${which}": use barman-plugin or object-store.`);
    try {
      return which === 'barman-plugin' ? runBarmanPlugin(rest, out, err) : runObjectStore(rest, out, err);
    } catch (e) {
      if (e instanceof TransformInputError) throw new UsageError(e.message);
      if (e instanceof TransformRefused) {
        err(`cnpg-tools: refused, nothing was changed:`);
        for (const r of e.refusals) err(`  ${r.subject}: ${r.reason}`);
        return 3;
      }
      throw e;
    }
  },
};

function runBarmanPlugin(argv: string[], out: Out, err: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cluster: { type: 'string', multiple: true, default: [] },
      'object-store-name': { type: 'string' },
      placement: { type: 'string', default: 'auto' },
      write: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(MIGRATE_HELP);
    return 0;
  }
  const placement = values.placement ?? 'auto';
  if (!['auto', 'same-file', 'new-file'].includes(placement)) throw new UsageError(`--placement takes auto, same-file or new-file; got "${placement}".`);
  const { model, texts } = load(positionals, err);
  const result = migrateToBarmanPlugin(model, {
    clusters: values.cluster,
    objectStoreName: values['object-store-name'],
    objectStorePlacement: placement as Placement,
  });
  return finish(result, texts, values.write ?? false, out, err);
}

function runObjectStore(argv: string[], out: Out, err: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      'ca-secret': { type: 'string' },
      secret: { type: 'string', multiple: true, default: [] },
      'destination-path': { type: 'string' },
      store: { type: 'string', multiple: true, default: [] },
      write: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(MIGRATE_HELP);
    return 0;
  }
  if (!values.endpoint) throw new UsageError('migrate object-store needs --endpoint URL.');
  let endpointCA: { name: string; key?: string } | undefined;
  if (values['ca-secret'] !== undefined) {
    const m = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(?::([-._a-zA-Z0-9]+))?$/.exec(values['ca-secret']);
    if (!m) throw new UsageError(`--ca-secret takes NAME or NAME:KEY with a Kubernetes secret name; got "${values['ca-secret']}".`);
    endpointCA = { name: m[1], key: m[3] };
  }
  const secrets: Record<string, string> = {};
  for (const s of values.secret ?? []) {
    const m = /^([^=\s]+)=([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(s);
    if (!m) throw new UsageError(`--secret takes OLD=NEW with Kubernetes secret names; got "${s}".`);
    secrets[m[1]] = m[2];
  }
  const { model, texts } = load(positionals, err);
  const result = switchObjectStore(model, {
    endpointURL: values.endpoint,
    endpointCA,
    secrets,
    destinationPath: values['destination-path'],
    stores: values.store,
  });
  return finish(result, texts, values.write ?? false, out, err);
}

export function load(positionals: string[], err: Out): { model: WorkspaceModel; texts: Map<string, string> } {
  const paths = positionals.length > 0 ? positionals : ['.'];
  const collected = collectYamlFiles(paths, DEFAULT_MAX_FILE_SIZE);
  for (const s of collected.skipped) err(`cnpg-tools: skipped ${displayPath(s.path)}: it ${s.reason}.`);
  const model = new WorkspaceModel();
  const texts = new Map<string, string>();
  // Kustomizations first: each one added later re-reads every file below it.
  const files = [...collected.files].sort((a, b) => Number(isKustomizationFile(b.path)) - Number(isKustomizationFile(a.path)));
  for (const f of files) {
    if (f.size !== undefined && f.size > DEFAULT_MAX_FILE_SIZE) {
      err(`cnpg-tools: skipped ${displayPath(f.path)}: it is larger than ${DEFAULT_MAX_FILE_SIZE} bytes.`);
      continue;
    }
    addSource(model, f);
    texts.set(model.getFile(f.path)!.path, f.text);
  }
  return { model, texts };
}

export function finish(result: TransformResult, texts: Map<string, string>, write: boolean, out: Out, err: Out): number {
  const planned = result.changes.map((c) => ({ change: c, before: c.create ? undefined : texts.get(c.file), after: '' }));
  for (const p of planned) {
    if (!p.change.create && p.before === undefined) throw new Error(`no text for ${p.change.file}`);
    p.after = applyTextEdits(p.before ?? '', p.change.edits);
  }
  if (!write) {
    for (const p of planned) out(unifiedDiff(displayPath(p.change.file), p.before, p.after).replace(/\n$/, ''));
    for (const s of result.summary) err(s);
    for (const n of result.notes) err(`note: ${n}`);
    if (planned.length > 0) err(`Dry run: ${planned.length} file(s) would change. Run again with --write to apply.`);
    return 0;
  }
  // Check everything before writing anything.
  for (const p of planned) {
    if (p.change.create && existsSync(p.change.file)) {
      err(`cnpg-tools: refused, nothing was changed: ${displayPath(p.change.file)} already exists.`);
      return 3;
    }
    if (!p.change.create && readFileSync(p.change.file, 'utf8') !== p.before) {
      err(`cnpg-tools: refused, nothing was changed: ${displayPath(p.change.file)} changed on disk while migrating; run again.`);
      return 3;
    }
  }
  for (const p of planned) writeAtomically(p.change, p.after);
  for (const s of result.summary) out(s);
  for (const n of result.notes) out(`note: ${n}`);
  if (planned.length > 0) out(`Wrote ${planned.length} file(s).`);
  return 0;
}

/** Writes a whole file via a temporary file and a rename; a new file is linked so it never replaces one. */
function writeAtomically(change: FileChange, text: string): void {
  const tmp = join(dirname(change.file), `.${basename(change.file)}.cnpg-tools-${process.pid}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    if (change.create) {
      linkSync(tmp, change.file);
      unlinkSync(tmp);
    } else {
      chmodSync(tmp, statSync(change.file).mode & 0o7777);
      renameSync(tmp, change.file);
    }
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}
