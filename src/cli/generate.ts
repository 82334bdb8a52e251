// `cnpg-tools generate import|replica|promote|restore-test FILE`: new manifests from one file (a
// Zalando `postgresql` or a CloudNativePG Cluster), as a dry run (a unified diff) or, with --write,
// written like the migrations write (whole files, never replacing an existing one).
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkspaceModel } from '../core/model/workspace';
import type { Resource } from '../core/model/resource';
import { generateRestoreTest } from '../core/transforms/restore-test';
import { generateFromZalando } from '../core/transforms/zalando';
import { promoteReplica } from '../core/transforms/zalando/promote';
import { TransformInputError, TransformRefused, type TransformResult } from '../core/transforms/types';
import type { CliCommand } from './commands';
import { displayPath, UsageError } from './files';
import { finish, load } from './migrate';

export const GENERATE_HELP = `Usage:
  cnpg-tools generate import FILE [options]        Zalando postgresql -> CloudNativePG Cluster importing
                                                   its databases (bootstrap.initdb.import)
  cnpg-tools generate replica FILE [options]       Zalando postgresql -> CloudNativePG replica Cluster
                                                   (pg_basebackup + streaming as the standby user)
  cnpg-tools generate promote FILE [options]       promote a replica Cluster: spec.replica.enabled: false
  cnpg-tools generate restore-test FILE [options]  a one-instance Cluster recovered from a Cluster's
                                                   backups, without any WAL archiver

import and replica write a new file beside FILE (listed in its folder's kustomization.yaml), with
backups through the Barman Cloud Plugin (an ObjectStore skeleton to fill in, and a ScheduledBackup).
restore-test writes <cluster>-restore-test.yaml beside FILE the same way.

Options:
  --name NAME            the resource of FILE to use when it holds several (NAME or NAMESPACE/NAME)
  --namespace NS         import, replica: the Zalando cluster's namespace when FILE and its
                         kustomization do not give it
  --cluster-name NAME    import, replica, restore-test: name of the new Cluster
  --object-store NAME    import, replica: archive to this existing ObjectStore instead of a new one
  --target-time TIME     restore-test: recover up to this RFC 3339 time (2026-07-01T12:00:00Z)
  --target-lsn LSN       restore-test: recover up to this WAL position (0/1A2B3C4D)
  --write                write the files (default: print a unified diff and change nothing)
  -h, --help             show this help
The other YAML files of FILE's folder are read too (kustomization, ObjectStores, Clusters).

Exit status: 0 done (or nothing to do), 2 bad input, 3 refused (nothing was changed).`;

type Which = 'import' | 'replica' | 'promote' | 'restore-test';
const WHICH: Which[] = ['import', 'replica', 'promote', 'restore-test'];

/** Options each generator accepts besides --name and --write. */
const ALLOWED: Record<Which, string[]> = {
  import: ['namespace', 'cluster-name', 'object-store'],
  replica: ['namespace', 'cluster-name', 'object-store'],
  promote: [],
  'restore-test': ['cluster-name', 'target-time', 'target-lsn'],
};

export const generateCommand: CliCommand = {
  name: 'generate',
  usage: 'generate import|replica|promote|restore-test FILE',
  summary: 'generate manifests (see: cnpg-tools generate --help)',
  run(argv, out, err) {
    const [which, ...rest] = argv;
    if (!which || which === '--help' || which === '-h') {
      out(GENERATE_HELP);
      return which ? 0 : 2;
    }
    if (!WHICH.includes(which as Which)) throw new UsageError(`Unknown generator "${which}": use ${WHICH.join(', ')}.`);
    try {
      return run(which as Which, rest, out, err);
    } catch (e) {
      if (e instanceof TransformInputError) throw new UsageError(e.message);
      if (e instanceof TransformRefused) {
        err('cnpg-tools: refused, nothing was changed:');
        for (const r of e.refusals) err(`  ${r.subject}: ${r.reason}`);
        return 3;
      }
      throw e;
    }
  },
};

function run(which: Which, argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      namespace: { type: 'string' },
      'cluster-name': { type: 'string' },
      'object-store': { type: 'string' },
      'target-time': { type: 'string' },
      'target-lsn': { type: 'string' },
      write: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(GENERATE_HELP);
    return 0;
  }
  for (const option of ['namespace', 'cluster-name', 'object-store', 'target-time', 'target-lsn'] as const) {
    if (values[option] !== undefined && !ALLOWED[which].includes(option)) throw new UsageError(`--${option} does not apply to generate ${which}.`);
  }
  if (positionals.length !== 1) throw new UsageError(`generate ${which} takes one FILE${positionals.length > 1 ? `, not ${positionals.length}` : ''}.`);
  const file = positionals[0];
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UsageError(`No such file: ${file}`);
  }
  if (!isFile) throw new UsageError(`${file} is not a file: name the manifest file to generate from.`);
  const { model, texts } = load(withSiblings(file), err);
  const resource = choose(model, file, which === 'import' || which === 'replica' ? 'postgresql' : 'Cluster', values.name);
  let result: TransformResult;
  if (which === 'import' || which === 'replica') {
    result = generateFromZalando(model, resource, which, { namespace: values.namespace, clusterName: values['cluster-name'], objectStore: values['object-store'] });
  } else if (which === 'promote') {
    result = promoteReplica(model, resource);
  } else {
    result = generateRestoreTest(model, resource, { name: values['cluster-name'], targetTime: values['target-time'], targetLSN: values['target-lsn'] });
  }
  return finish(result, texts, values.write ?? false, out, err);
}

/** FILE and the YAML files beside it (its kustomization, ObjectStores and Clusters of the same folder). */
function withSiblings(file: string): string[] {
  const dir = dirname(file);
  const siblings = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && (/\.ya?ml$/i.test(e.name) || e.name === 'Kustomization') && e.name !== basename(file))
    .map((e) => join(dir, e.name))
    .sort();
  return [file, ...siblings];
}

function choose(model: WorkspaceModel, file: string, kind: 'postgresql' | 'Cluster', name: string | undefined): Resource {
  const what = kind === 'postgresql' ? 'Zalando postgresql manifest (acid.zalan.do/v1)' : 'CloudNativePG Cluster';
  const own = model.getFile(file);
  const candidates = (own?.resources ?? []).filter((r) => r.kind === kind && !r.isPatch);
  const label = (r: Resource) => (r.namespace ? `${r.namespace}/${r.name ?? '(unnamed)'}` : r.name ?? '(unnamed)');
  if (candidates.length === 0) {
    const why = own?.skipped ? ` (${own.skipped})` : own?.parsed.isTemplate ? ' (it is a Helm template)' : '';
    throw new UsageError(`${displayPath(file)} holds no ${what}${why}.`);
  }
  if (name === undefined) {
    if (candidates.length === 1) return candidates[0];
    throw new UsageError(`${displayPath(file)} holds ${candidates.length} of them (${candidates.map(label).join(', ')}): choose one with --name.`);
  }
  const [ns, n] = name.includes('/') ? name.split('/', 2) : [undefined, name];
  const found = candidates.filter((r) => r.name === n && (ns === undefined || r.namespace === undefined || r.namespace === ns));
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new UsageError(`--name ${name} matches ${found.length} resources of ${displayPath(file)}; use NAMESPACE/NAME.`);
  throw new UsageError(`${displayPath(file)} holds no ${what} named "${name}" (it has ${candidates.map(label).join(', ')}).`);
}
