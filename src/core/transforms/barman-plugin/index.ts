// In-tree Barman Cloud -> Barman Cloud Plugin (issue 4, transform 1), following cnpg-facts.md §b
// ("Mapping", "Order of operations", "serverName continuity"). Computes every file change for one
// Cluster or all of them, or refuses with reasons; it never writes anything itself.
import type { WorkspaceModel, ModelFile } from '../../model/workspace';
import { namespacesMatch } from '../../model/workspace';
import { posix } from '../../model/paths';
import { getIn, isSubstituted, type Resource } from '../../model/resource';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import type { FileChange } from '../../rules/types';
import { documentEdits, mergeFileChanges } from '../text/edits';
import { LineIndex } from '../text/lines';
import { renderScalar } from '../text/scalar';
import { StyleScope } from '../text/style-of';
import { TransformRefused, type Refusal, type TransformResult } from '../types';
import { displayName } from '../namespaces';
import { backupNeedsSwitch, editBackup } from './backup-edit';
import { editCluster, type ClusterEditPlan, type ServerNameText } from './cluster-edit';
import { readInTree, type InTreeStore } from './inspect';
import { editKustomization, kustomizationBeside, type NewEntry } from './kustomization-edit';
import { parseSelector, selectClusters } from './select';
import { movedPair, objectStoreDocument } from './store-doc';
import { checkTemplate, DEFAULT_STORE_TEMPLATE, nameSafe, StorePlanner, type StorePlan } from './stores';

export type Placement = 'auto' | 'same-file' | 'new-file';

export interface BarmanPluginOptions {
  /** Cluster names ("name" or "namespace/name"); all Clusters with in-tree configuration when empty. */
  clusters?: string[];
  /** Clusters given directly (the editor's quick fix); wins over `clusters`. */
  resources?: Resource[];
  /** ObjectStore name template; `${cluster}` is the Cluster's name. */
  objectStoreName?: string;
  objectStorePlacement?: Placement;
}

export { DEFAULT_STORE_TEMPLATE };

interface ClusterWork {
  cluster: Resource;
  edit: ClusterEditPlan;
  created: StorePlan[];
  summary: string[];
}

export function migrateToBarmanPlugin(model: WorkspaceModel, options: BarmanPluginOptions = {}): TransformResult {
  const template = options.objectStoreName ?? DEFAULT_STORE_TEMPLATE;
  checkTemplate(template);
  const selectors = options.clusters?.map(parseSelector);
  const selection = selectClusters(model, selectors, options.resources);
  const refusals: Refusal[] = [...selection.refusals];
  const notes = [...selection.notes];
  if (selection.clusters.length === 0 && refusals.length === 0) {
    return { changes: [], summary: ['Nothing to migrate: no Cluster uses in-tree barmanObjectStore.'], notes };
  }
  const planner = new StorePlanner(model, template);
  const work: ClusterWork[] = [];
  // Archiving stores first, so that a recovery-only block can share an identical one.
  for (const cluster of selection.clusters) {
    // A refused cluster is reported with the others; planning it would only guess.
    if (cluster.name === undefined || refusals.some((r) => r.subject === displayName(cluster))) continue;
    const inTree = readInTree(cluster);
    const w: ClusterWork = { cluster, edit: { externals: [] }, created: [], summary: [] };
    work.push(w);
    if (!inTree.primary) continue;
    const spec = { configuration: inTree.primary.configuration, ...(inTree.retentionPolicy !== undefined ? { retentionPolicy: inTree.retentionPolicy } : {}) };
    const retentionPath = inTree.retentionPolicy !== undefined ? ['spec', 'backup', 'retentionPolicy'] : undefined;
    const outcome = planner.plan(cluster, inTree.primary, cluster.name!, spec, true, retentionPath);
    if ('refusal' in outcome) {
      refusals.push({ subject: displayName(cluster), reason: outcome.refusal });
      continue;
    }
    const { plan, reused } = outcome;
    if (!reused) w.created.push(plan);
    w.edit.primary = { storeName: plan.name, serverName: explicitServerName(cluster, inTree.primary), retention: retentionPath !== undefined, moveLeadingComments: !reused };
    w.summary.push(
      `${displayName(cluster)}: spec.backup.barmanObjectStore${retentionPath ? ' and retentionPolicy' : ''} -> ObjectStore ${plan.name} (${reused ? `reused${plan.existing ? `, ${plan.existing.file}` : ''}` : 'new'}); plugin ${BARMAN_PLUGIN_NAME} added as WAL archiver, serverName ${inTree.primary.serverName !== undefined ? `kept: ${inTree.primary.serverName}` : `left to its default, the cluster name (${cluster.name}), as before`}.`,
    );
  }
  for (const w of work) {
    const cluster = w.cluster;
    for (const ext of readInTree(cluster).externals) {
      if (ext.hasPlugin) {
        w.edit.externals.push({ index: ext.index, storeName: '', serverName: { value: '', lines: [] }, dropOnly: true });
        notes.push(`${displayName(cluster)}: external cluster "${ext.externalName}" had both plugin and barmanObjectStore; the plugin already won for recovery, so barmanObjectStore was only removed.`);
        continue;
      }
      const outcome = planner.plan(cluster, ext, `${cluster.name}-${nameSafe(ext.externalName)}`, { configuration: ext.configuration }, false);
      if ('refusal' in outcome) {
        refusals.push({ subject: displayName(cluster), reason: `external cluster "${ext.externalName}": ${outcome.refusal}` });
        continue;
      }
      if (!outcome.reused) w.created.push(outcome.plan);
      // Explicit, always: the plugin's default here is the restoring cluster's name, not the external one's (cnpg-facts.md §b).
      const serverName = explicitServerName(cluster, ext) ?? { value: ext.externalName, lines: [`serverName: ${renderScalar(ext.externalName)}`] };
      w.edit.externals.push({ index: ext.index, storeName: outcome.plan.name, serverName, dropOnly: false });
      w.summary.push(`${displayName(cluster)}: externalClusters "${ext.externalName}" -> plugin with ObjectStore ${outcome.plan.name} (${outcome.reused ? 'reused' : 'new'}), serverName ${serverName.value}.`);
    }
  }
  if (refusals.length > 0) throw new TransformRefused(refusals);
  const changes = buildChanges(model, work, options.objectStorePlacement ?? 'auto', refusals, notes);
  if (refusals.length > 0) throw new TransformRefused(refusals);
  const summary = work.flatMap((w) => w.summary);
  notes.push(
    'Apply in this order (cnpg-facts.md §b): install the Barman Cloud Plugin (it needs cert-manager), create the ObjectStore(s), then the Cluster change (one update; it rolls the instances), then the backups. GitOps tools apply them together; the plugin waits for a missing ObjectStore.',
  );
  return { changes, summary: [...summary, ...changeSummary(changes)], notes };
}

/** The changes that migrate one Cluster (the editor's quick fix and command). */
export function migrateClusterChanges(model: WorkspaceModel, cluster: Resource, options: Omit<BarmanPluginOptions, 'clusters' | 'resources'> = {}): FileChange[] {
  return migrateToBarmanPlugin(model, { ...options, resources: [cluster] }).changes;
}

function explicitServerName(cluster: Resource, store: InTreeStore): ServerNameText | undefined {
  if (store.serverName === undefined) return undefined;
  const lines = movedPair(new LineIndex(cluster.document.text), cluster.document.doc, [...store.path, 'serverName'], 0);
  return { value: store.serverName, lines: lines.length > 0 ? lines : [`serverName: ${renderScalar(store.serverName)}`] };
}

function buildChanges(model: WorkspaceModel, work: ClusterWork[], placement: Placement, refusals: Refusal[], notes: string[]): FileChange[] {
  const changes: FileChange[] = [];
  const styles = new StyleScope(model);
  const kustomizationEntries = new Map<ModelFile, NewEntry[]>();
  const newFiles = new Map<string, { text: string; cluster: Resource }>();
  const editedBackups = new Set<Resource>();
  for (const w of work) {
    const { cluster } = w;
    const style = styles.styleFor(cluster.file, cluster.document);
    const eol = new LineIndex(cluster.document.text).eol;
    const outcome = editCluster(cluster, w.edit, style);
    if ('problem' in outcome) {
      refusals.push({ subject: displayName(cluster), reason: editProblem(outcome.problem) });
      continue;
    }
    let text = outcome.text;
    const kustomization = kustomizationBeside(model, cluster);
    const mode = placement === 'auto' ? (kustomization ? 'new-file' : 'same-file') : placement;
    const docs = w.created.map((plan) => objectStoreDocument(plan, style, eol).text);
    if (docs.length > 0 && mode === 'same-file') {
      text += (text.endsWith('\n') ? '' : eol) + docs.map((d) => `---${eol}${d}`).join('');
      w.summary.push(`${displayName(cluster)}: ObjectStore ${w.created.map((p) => p.name).join(', ')} written after it in ${cluster.file}.`);
    } else if (docs.length > 0) {
      const path = posix.join(posix.dirname(cluster.file), `${cluster.name}-objectstore.yaml`);
      if (model.getFile(path) || newFiles.has(path)) {
        refusals.push({ subject: displayName(cluster), reason: `${path} already exists; use --placement same-file or move that file away.` });
        continue;
      }
      const startsWithMarker = /^---(\s|$)/.test(model.getFile(cluster.file)?.parsed.text ?? '');
      newFiles.set(path, { text: (startsWithMarker ? `---${eol}` : '') + docs.join(`---${eol}`), cluster });
      if (kustomization) {
        const list = kustomizationEntries.get(kustomization) ?? [];
        list.push({ entry: posix.basename(path), after: cluster.file });
        kustomizationEntries.set(kustomization, list);
      } else {
        notes.push(`${path} is not listed in any kustomization.yaml beside it: make sure your deployment applies it.`);
      }
    }
    changes.push({ file: cluster.file, edits: documentEdits(cluster.document, text) });
    for (const b of backupsOf(model, cluster)) {
      const need = backupNeedsSwitch(b);
      if (need === 'substituted') notes.push(`${displayName(b)}: spec.method is a Flux substitution; make sure it resolves to "plugin" with pluginConfiguration.name barman-cloud.cloudnative-pg.io.`);
      if (need !== 'switch' || editedBackups.has(b)) continue;
      editedBackups.add(b);
      const edited = editBackup(b, styles.styleFor(b.file, b.document));
      if ('problem' in edited) {
        refusals.push({ subject: displayName(b), reason: `its manifest could not be edited safely (${edited.problem}).` });
        continue;
      }
      changes.push({ file: b.file, edits: documentEdits(b.document, edited.text) });
      w.summary.push(`${displayName(b)}: method plugin (pluginConfiguration.name barman-cloud.cloudnative-pg.io).`);
      if (b.kind === 'Backup') {
        notes.push(`${displayName(b)}: Backup.spec is immutable once created (cnpg-facts.md §a); if it already exists in Kubernetes, delete it or leave it out of the apply rather than updating it.`);
      }
    }
  }
  for (const kind of ['ScheduledBackup', 'Backup']) {
    for (const b of model.ofKind(kind)) {
      if (isSubstituted(getIn(b.value, ['spec', 'cluster', 'name'])) && backupNeedsSwitch(b) === 'switch') {
        notes.push(`${displayName(b)} (${b.file}) targets a Flux-substituted cluster name; if that is a migrated Cluster, set method: plugin and pluginConfiguration.name: barman-cloud.cloudnative-pg.io.`);
      }
    }
  }
  for (const [path, f] of newFiles) {
    changes.push({ file: path, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.text }] });
  }
  for (const [file, entries] of kustomizationEntries) {
    if (!file.parsed.documents[0]) {
      notes.push(`${file.path} is empty; list ${entries.map((e) => e.entry).join(', ')} in it by hand.`);
      continue;
    }
    const style = styles.styleFor(file.path, file.parsed.documents[0]);
    const outcome = editKustomization(file, entries, style);
    if ('problem' in outcome) {
      refusals.push({ subject: file.path, reason: `its resources list could not be edited safely (${outcome.problem}).` });
      continue;
    }
    changes.push({ file: file.path, edits: documentEdits(file.parsed.documents[0], outcome.text) });
  }
  return mergeFileChanges(changes.filter((c) => c.create || c.edits.length > 0));
}

function backupsOf(model: WorkspaceModel, cluster: Resource): Resource[] {
  return ['ScheduledBackup', 'Backup'].flatMap((kind) =>
    model.ofKind(kind).filter((b) => getIn(b.value, ['spec', 'cluster', 'name']) === cluster.name && namespacesMatch(b.namespace, cluster.namespace)),
  );
}

function changeSummary(changes: FileChange[]): string[] {
  return changes.map((c) => (c.create ? `create ${c.file}` : `edit ${c.file} (${c.edits.length} change${c.edits.length === 1 ? '' : 's'})`));
}

function editProblem(problem: string): string {
  const alias = /Unresolved alias[^:]*: (\S+)/.exec(problem);
  if (alias) return `the anchor &${alias[1]} inside a moved block is used elsewhere in the Cluster (*${alias[1]}); replace that alias with its value first.`;
  return `its manifest could not be edited safely (${problem}).`;
}
