// Object-store switch (issue 4, transform 2): point ObjectStores at another S3 service (MinIO ->
// Garage in runbook 002) by replacing the endpoint, the endpoint CA and the credential secret names,
// optionally the destination path, and keeping everything else (wal, data, retentionPolicy, ...).
// It also says which changes need a rollout (cnpg-facts.md §c rule 24) so the explorer can offer one.
import type { WorkspaceModel } from '../model/workspace';
import { asRecord, asString, getIn, type Resource } from '../model/resource';
import type { PathSegment } from '../yaml/parse';
import { BARMAN_PLUGIN_NAME } from '../cnpg/constants';
import { pluginsOf } from '../cnpg/cluster';
import { documentEdits, mergeFileChanges } from './text/edits';
import type { DocEditor } from './text/doc-editor';
import { editDocument } from './text/edit-document';
import { renderScalar } from './text/scalar';
import { StyleScope } from './text/style-of';
import { clone } from './text/verify';
import { displayName, sameNamespace } from './namespaces';
import { TransformInputError, TransformRefused, type Refusal, type TransformResult } from './types';
import { hasInTree } from './barman-plugin/inspect';
import { parseSelector } from './barman-plugin/select';

export interface ObjectStoreSwitchOptions {
  endpointURL: string;
  /** New endpoint CA secret; `key` defaults to the current key, else `ca.crt`. */
  endpointCA?: { name: string; key?: string };
  /** Credential (and CA) secret renames, old name -> new name. */
  secrets?: Record<string, string>;
  destinationPath?: string;
  /** ObjectStore names ("name" or "namespace/name"); every ObjectStore when empty. */
  stores?: string[];
}

export type SwitchField = 'endpointURL' | 'endpointCA' | 'credentials' | 'destinationPath' | 'instanceSidecarConfiguration';

/** Which edits need the instances restarted (cnpg-facts.md §c rule 24, plugin >= 0.7.0). */
export const NEEDS_ROLLOUT: Record<SwitchField, boolean> = {
  endpointURL: false,
  credentials: false,
  destinationPath: false,
  // A projected volume and part of the pod spec: only a rollout picks them up, and it is not always automatic.
  endpointCA: true,
  instanceSidecarConfiguration: true,
};

export interface StoreSwitchReport {
  store: string;
  namespace: string | undefined;
  file: string;
  changed: SwitchField[];
  needsRollout: boolean;
  /** Clusters whose barman plugin uses this store (the ones to restart when needed). */
  clusters: { name: string; namespace: string | undefined }[];
}

export interface ObjectStoreSwitchResult extends TransformResult {
  stores: StoreSwitchReport[];
}

const CONFIG: PathSegment[] = ['spec', 'configuration'];
const PROVIDERS = ['s3Credentials', 'azureCredentials', 'googleCredentials'];

export function switchObjectStore(model: WorkspaceModel, options: ObjectStoreSwitchOptions): ObjectStoreSwitchResult {
  if (!/^https?:\/\/[^\s/]+/.test(options.endpointURL)) throw new TransformInputError(`"${options.endpointURL}" is not an http(s) URL.`);
  const stores = chooseStores(model, options.stores);
  const notes: string[] = [];
  const refusals: Refusal[] = [];
  const reports: StoreSwitchReport[] = [];
  const changes = [];
  const usedSecrets = new Set<string>();
  const styles = new StyleScope(model);
  for (const store of stores) {
    const config = asRecord(getIn(store.value, CONFIG));
    if (!config) {
      notes.push(`${displayName(store)} has no spec.configuration; skipped.`);
      continue;
    }
    const expected = clone(store.value);
    const next = asRecord(getIn(expected, CONFIG))!;
    const changed = new Set<SwitchField>();
    const sets: { path: PathSegment[]; value: string }[] = [];
    const set = (path: PathSegment[], value: string, field: SwitchField) => {
      if (getIn(config, path) === value) return;
      setIn(next, path, value);
      sets.push({ path: [...CONFIG, ...path], value });
      changed.add(field);
    };
    set(['endpointURL'], options.endpointURL, 'endpointURL');
    if (options.destinationPath !== undefined) set(['destinationPath'], options.destinationPath, 'destinationPath');
    const ca = asRecord(config.endpointCA);
    if (options.endpointCA) {
      set(['endpointCA', 'name'], options.endpointCA.name, 'endpointCA');
      set(['endpointCA', 'key'], options.endpointCA.key ?? asString(ca?.key) ?? 'ca.crt', 'endpointCA');
    } else if (ca && typeof ca.name === 'string' && options.secrets?.[ca.name] !== undefined) {
      usedSecrets.add(ca.name);
      set(['endpointCA', 'name'], options.secrets[ca.name], 'endpointCA');
    }
    for (const path of secretRefs(config)) {
      const old = getIn(config, [...path, 'name']);
      if (typeof old !== 'string' || options.secrets?.[old] === undefined) continue;
      usedSecrets.add(old);
      set([...path, 'name'], options.secrets[old], 'credentials');
    }
    const report: StoreSwitchReport = {
      store: store.name!,
      namespace: store.namespace,
      file: store.file,
      changed: [...changed],
      needsRollout: [...changed].some((f) => NEEDS_ROLLOUT[f]),
      clusters: clustersUsing(model, store),
    };
    reports.push(report);
    if (sets.length === 0) continue;
    const style = styles.styleFor(store.file, store.document);
    const outcome = editDocument(store.document, style, expected, (ed) => splice(ed, sets, style.indent), (doc) => sets.forEach((s) => doc.setIn(s.path, s.value)));
    if ('problem' in outcome) {
      refusals.push({ subject: displayName(store), reason: `its manifest could not be edited safely (${outcome.problem}).` });
      continue;
    }
    changes.push({ file: store.file, edits: documentEdits(store.document, outcome.text) });
  }
  if (refusals.length > 0) throw new TransformRefused(refusals);
  for (const old of Object.keys(options.secrets ?? {})) {
    if (!usedSecrets.has(old)) notes.push(`--secret ${old}=...: no chosen ObjectStore refers to a secret named "${old}".`);
  }
  const inTree = model.ofKind('Cluster').filter(hasInTree);
  if (inTree.length > 0) {
    notes.push(`${inTree.length} Cluster(s) still use in-tree barmanObjectStore (${inTree.map(displayName).join(', ')}); this switch changes ObjectStores only. Run \`cnpg-tools migrate barman-plugin\` first.`);
  }
  const summary = reports.filter((r) => r.changed.length > 0).map((r) => `ObjectStore ${r.namespace ? `${r.namespace}/` : ''}${r.store}: ${r.changed.join(', ')} changed; ${rolloutText(r)}`);
  if (summary.length === 0) summary.push('Nothing to change: the chosen ObjectStores already use these settings.');
  else {
    notes.push(
      'Copy the backups to the new store first (e.g. `rclone sync --checksum` per serverName folder) and check the sizes match: a running cluster is never re-checked for an empty archive, so it would silently start a new catalog (cnpg-facts.md §b).',
      'Plugin 0.7.0 or later re-reads ObjectStores and secrets within about 10 seconds; older plugins need a restart for every change, and before 0.12.0 the instances\' Role does not follow renamed secrets (cnpg-facts.md §c rule 24). Then take a new backup and run a restore test.',
    );
  }
  return { changes: mergeFileChanges(changes), summary, notes, stores: reports };
}

function rolloutText(r: StoreSwitchReport): string {
  const who = r.clusters.map((c) => c.name).join(', ') || 'no Cluster in these files uses it';
  return r.needsRollout
    ? `restart needed (endpointCA is mounted into the pods; the rollout is not always automatic): ${who}.`
    : `no restart needed with plugin >= 0.7.0 (used by: ${who}).`;
}

function chooseStores(model: WorkspaceModel, names: string[] | undefined): Resource[] {
  const all = model.ofKind('ObjectStore').filter((s) => s.name !== undefined);
  if (!names || names.length === 0) return all;
  const chosen: Resource[] = [];
  for (const text of names) {
    const sel = parseSelector(text);
    const found = all.filter((s) => s.name === sel.name && (sel.namespace === undefined || s.namespace === undefined || s.namespace === sel.namespace));
    if (found.length === 0) throw new TransformInputError(`No ObjectStore named "${text}" in the given files.`);
    for (const s of found) if (!chosen.includes(s)) chosen.push(s);
  }
  return chosen;
}

/** Paths (inside spec.configuration) of secret references `{name, key}` under the credential providers. */
function secretRefs(config: Record<string, unknown>): PathSegment[][] {
  const out: PathSegment[][] = [];
  const walk = (value: unknown, path: PathSegment[]) => {
    const r = asRecord(value);
    if (!r) return;
    if (typeof r.name === 'string' && typeof r.key === 'string') out.push(path);
    for (const [k, v] of Object.entries(r)) if (k !== 'name' && k !== 'key') walk(v, [...path, k]);
  };
  for (const p of PROVIDERS) walk(config[p], [p]);
  return out;
}

function clustersUsing(model: WorkspaceModel, store: Resource): StoreSwitchReport['clusters'] {
  return model
    .ofKind('Cluster')
    .filter((c) => sameNamespace(model, c, store) && pluginsOf(c.value).some((p) => p.name === BARMAN_PLUGIN_NAME && p.parameters.barmanObjectName === store.name))
    .map((c) => ({ name: c.name ?? '(unnamed)', namespace: c.namespace }));
}

function setIn(target: Record<string, unknown>, path: PathSegment[], value: string): void {
  let cur = target;
  for (const seg of path.slice(0, -1)) {
    const nextValue = asRecord(cur[seg as string]);
    if (nextValue) cur = nextValue;
    else cur = (cur[seg as string] = {}) as Record<string, unknown>;
  }
  cur[path[path.length - 1] as string] = value;
}

/** Sets scalars in place; inserts missing keys (endpointURL after destinationPath, endpointCA after endpointURL). */
function splice(ed: DocEditor, sets: { path: PathSegment[]; value: string }[], u: number): void {
  const pending = new Map<string, string[]>();
  for (const s of sets) {
    if (ed.pair(s.path)) {
      ed.setScalar(s.path, s.value);
      continue;
    }
    const parent = s.path.slice(0, -1);
    const key = String(s.path[s.path.length - 1]);
    if (ed.pair(parent)) {
      const after = key === 'endpointURL' && ed.pair([...parent, 'destinationPath']) ? 'destinationPath' : ed.lastKey(parent);
      ed.insertAfter([...parent, after], [`${key}: ${renderScalar(s.value)}`]);
      continue;
    }
    // A missing map (endpointCA): collect its keys, written below.
    const parentKey = parent.join('\u0000');
    const list = pending.get(parentKey) ?? [];
    list.push(`${' '.repeat(u)}${key}: ${renderScalar(s.value)}`);
    pending.set(parentKey, list);
  }
  for (const [parentKey, lines] of pending) {
    const parent = parentKey.split('\u0000');
    const key = parent[parent.length - 1];
    const container = parent.slice(0, -1);
    const after = key !== 'endpointCA' ? ed.lastKey(container) : ['endpointURL', 'destinationPath'].find((k) => ed.pair([...container, k])) ?? ed.lastKey(container);
    ed.insertAfter([...container, after], [`${key}:`, ...lines]);
  }
}
