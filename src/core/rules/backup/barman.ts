// Readings of plugin blocks shared by the backup architecture rules. Unlike src/core/cnpg/cluster.ts
// these keep `${...}` substitutions apart: a flag that is substituted is unknown, and rules that
// would depend on it stay silent (cnpg-facts.md §a: only enabled plugins count, `enabled` defaults to true).
import { asArray, asRecord, asString, getIn, isSubstituted, type Resource } from '../../model/resource';
import type { PathSegment } from '../../yaml/parse';
import { BARMAN_PLUGIN_NAME } from '../../cnpg/constants';
import type { FileChange, Fix, RuleContext, TextEdit } from '../types';

/** A tri-state flag: undefined when a substitution hides the value. */
export type Flag = boolean | undefined;

export type PluginPlace = 'plugins' | 'externalCluster' | 'backup';

export interface PluginBlock {
  place: PluginPlace;
  /** Path of the plugin block (`spec.plugins[i]`, `spec.externalClusters[i].plugin`, `spec.pluginConfiguration`). */
  path: PathSegment[];
  /** The plugin name when it is a known string. */
  name: string | undefined;
  enabled: Flag;
  isWALArchiver: Flag;
  parameters: Record<string, unknown> | undefined;
  /** For external clusters, the external cluster's name. */
  owner?: string;
}

function flag(value: unknown, fallback: boolean): Flag {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  return undefined;
}

function knownName(value: unknown): string | undefined {
  const s = asString(value);
  return s !== undefined && !isSubstituted(s) ? s : undefined;
}

function blockAt(raw: unknown, place: PluginPlace, path: PathSegment[], owner?: string): PluginBlock | undefined {
  const r = asRecord(raw);
  if (!r) return undefined;
  return {
    place,
    path,
    name: knownName(r.name),
    enabled: place === 'backup' ? true : flag(r.enabled, true),
    isWALArchiver: place === 'backup' ? false : flag(r.isWALArchiver, false),
    parameters: asRecord(r.parameters),
    owner,
  };
}

/** `spec.plugins[]` of a Cluster. */
export function clusterPlugins(resource: Resource): PluginBlock[] {
  const list = asArray(getIn(resource.value, ['spec', 'plugins']));
  return list.flatMap((p, i) => blockAt(p, 'plugins', ['spec', 'plugins', i]) ?? []);
}

/** `spec.externalClusters[].plugin` of a Cluster. */
export function externalClusterPlugins(resource: Resource): PluginBlock[] {
  const list = asArray(getIn(resource.value, ['spec', 'externalClusters']));
  return list.flatMap((e, i) => {
    const owner = asString(asRecord(e)?.name);
    return blockAt(asRecord(e)?.plugin, 'externalCluster', ['spec', 'externalClusters', i, 'plugin'], owner) ?? [];
  });
}

/** `spec.pluginConfiguration` of a Backup or ScheduledBackup, unless the method is explicitly another one. */
export function backupPluginConfiguration(resource: Resource): PluginBlock | undefined {
  const method = getIn(resource.value, ['spec', 'method']);
  if (typeof method === 'string' && !isSubstituted(method) && method !== 'plugin') return undefined;
  return blockAt(getIn(resource.value, ['spec', 'pluginConfiguration']), 'backup', ['spec', 'pluginConfiguration']);
}

/** Enabled for sure (an unknown `enabled` does not count). */
export function isEnabled(p: PluginBlock): boolean {
  return p.enabled === true;
}

export function isBarmanPlugin(p: PluginBlock): boolean {
  return p.name === BARMAN_PLUGIN_NAME;
}

/**
 * A name meant to be the Barman Cloud Plugin that is not its exact name: it mentions "barman", or it
 * is the name of an ObjectStore the resource can see (the store name was put where the plugin name goes).
 */
export function misnamedBarman(ctx: RuleContext, p: PluginBlock): boolean {
  if (p.name === undefined || p.name === BARMAN_PLUGIN_NAME) return false;
  if (/barman/i.test(p.name)) return true;
  const found = ctx.workspace.find('ObjectStore', ctx.resource.namespace, p.name);
  return found.resource !== undefined || found.ambiguous;
}

/** The Barman Cloud Plugin, by its exact name or by a name meant for it. */
export function meantAsBarman(ctx: RuleContext, p: PluginBlock): boolean {
  return isBarmanPlugin(p) || misnamedBarman(ctx, p);
}

/** Enabled plugins declared as the WAL archiver (the webhook's view). */
export function walArchivers(resource: Resource): PluginBlock[] {
  return clusterPlugins(resource).filter((p) => isEnabled(p) && p.isWALArchiver === true);
}

/** True when some plugin's flags are hidden by substitutions, so counts of archivers are guesses. */
export function hasUnknownArchiverFlags(resource: Resource): boolean {
  return clusterPlugins(resource).some((p) => p.enabled === undefined || (p.enabled !== false && p.isWALArchiver === undefined));
}

export function hasInTreeStore(resource: Resource): boolean {
  return asRecord(getIn(resource.value, ['spec', 'backup', 'barmanObjectStore'])) !== undefined;
}

/** A fix from edits that may be missing: no fix is offered when any edit could not be computed. */
export function fixOf(title: string, edits: Array<{ file: string; edit: TextEdit | undefined }>, isPreferred = false): Fix[] {
  if (edits.length === 0 || edits.some((e) => e.edit === undefined)) return [];
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byFile.get(e.file) ?? [];
    list.push(e.edit!);
    byFile.set(e.file, list);
  }
  const changes: FileChange[] = [...byFile].map(([file, list]) => ({ file, edits: list }));
  return [{ title, isPreferred, changes: () => changes }];
}

/** Where a plugin block is, for messages. */
export function placeOf(p: PluginBlock): string {
  if (p.place === 'plugins') return `spec.plugins[${p.path[2]}]`;
  if (p.place === 'externalCluster') return `external cluster "${p.owner ?? p.path[2]}"`;
  return 'spec.pluginConfiguration';
}

/** A scalar value exactly as written (keeps quotes), for moving it elsewhere; undefined for multi-line values. */
export function sourceText(resource: Resource, path: readonly PathSegment[]): string | undefined {
  const at = resource.document.locate(path);
  if (at?.start === undefined || at.end === undefined) return undefined;
  const text = resource.document.text.slice(at.start, at.end).trim();
  return text === '' || text.includes('\n') ? undefined : text;
}
