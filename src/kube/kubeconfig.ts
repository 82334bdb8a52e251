// Finding and reading kubeconfig files the way kubectl does: an explicit file (setting
// `cnpg.kubeconfig`), else every file in KUBECONFIG merged, else ~/.kube/config.
// Messages never quote file contents: a kubeconfig holds tokens, client keys and exec env.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { k8s, type KubeCluster, type KubeConfig, type KubeContext, type KubeUser } from './client';
import type { ContextInfo } from './types';

export interface KubeconfigSources {
  /** The `cnpg.kubeconfig` setting; empty or undefined means "not set". */
  path?: string;
  /** Defaults to process.env (only KUBECONFIG is read). */
  env?: Record<string, string | undefined>;
  /** Defaults to os.homedir(). */
  home?: string;
}

export interface LoadedKubeconfig {
  config: KubeConfig;
  contexts: ContextInfo[];
  /** The merged current-context (the first file that sets one wins). */
  current: string | undefined;
  /** The files that were read, in merge order. */
  files: string[];
}

export class KubeconfigError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'invalid' | 'unreadable' | 'no-context',
  ) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
}

/** The files to read and where the list came from. */
export function kubeconfigFiles(src: KubeconfigSources = {}): { files: string[]; origin: 'setting' | 'KUBECONFIG' | 'default' } {
  const home = src.home ?? homedir();
  if (src.path && src.path.trim()) return { files: [resolve(expandHome(src.path.trim(), home))], origin: 'setting' };
  const env = (src.env ?? process.env).KUBECONFIG;
  if (env && env.trim()) {
    const files = env
      .split(delimiter)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => resolve(expandHome(p, home)));
    return { files: [...new Set(files)], origin: 'KUBECONFIG' };
  }
  return { files: [join(home, '.kube', 'config')], origin: 'default' };
}

/** Reads and merges the kubeconfig: for clusters, users and contexts the first file naming one wins. */
export function loadKubeconfig(src: KubeconfigSources = {}): LoadedKubeconfig {
  const { files, origin } = kubeconfigFiles(src);
  const present = files.filter((f) => existsSync(f));
  if (present.length === 0) {
    if (origin === 'setting') throw new KubeconfigError(`The kubeconfig file ${files[0]} (setting cnpg.kubeconfig) does not exist.`, 'not-found');
    if (origin === 'KUBECONFIG') throw new KubeconfigError(`None of the files in KUBECONFIG exist: ${files.join(', ')}.`, 'not-found');
    throw new KubeconfigError(`No kubeconfig found: ${files[0]} does not exist and KUBECONFIG is not set.`, 'not-found');
  }
  const clusters = new Map<string, KubeCluster>();
  const users = new Map<string, KubeUser>();
  const contexts = new Map<string, KubeContext>();
  let current: string | undefined;
  const read: string[] = [];
  for (const file of present) {
    const part = readOne(file);
    if (!part) continue;
    read.push(file);
    for (const c of part.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of part.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of part.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    current ??= part.currentContext || undefined;
  }
  const config = new k8s.KubeConfig();
  config.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current });
  return { config, contexts: listContexts(config), current, files: read };
}

/** One file through client-node's parser (which makes relative certificate paths absolute). */
function readOne(file: string): KubeConfig | undefined {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new KubeconfigError(`The kubeconfig path ${file} is a directory, not a file.`, 'unreadable');
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof KubeconfigError) throw e;
    throw new KubeconfigError(`Cannot read the kubeconfig file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'read error'}.`, 'unreadable');
  }
  if (text.trim() === '') return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    // Only the position: the error's own message quotes the offending line, which may hold a token.
    const err = doc.errors[0];
    const where = err.linePos ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : '';
    throw new KubeconfigError(`The kubeconfig file ${file} is not valid YAML${where}.`, 'invalid');
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KubeconfigError(`The kubeconfig file ${file} is not a kubeconfig (expected a mapping with clusters, users and contexts).`, 'invalid');
  const part = new k8s.KubeConfig();
  try {
    part.loadFromFile(file);
  } catch (e) {
    // client-node names the missing field ("clusters[0].cluster.server is missing"); keep only that line.
    const first = String((e as Error).message ?? e).split('\n')[0];
    const safe = /^(clusters|users|contexts)\[\d+\][\w.]* is missing$/.test(first) ? first : 'unexpected structure';
    throw new KubeconfigError(`The kubeconfig file ${file} is invalid: ${safe}.`, 'invalid');
  }
  return part;
}

export function listContexts(config: KubeConfig): ContextInfo[] {
  return config.getContexts().map((c) => ({
    name: c.name,
    cluster: c.cluster || undefined,
    user: c.user || undefined,
    namespace: c.namespace || undefined,
    current: c.name === config.getCurrentContext(),
  }));
}

/** A copy of `config` whose current context is `context`; the original is not changed. */
export function configForContext(config: KubeConfig, context: string): KubeConfig {
  const ctx = config.getContextObject(context);
  if (!ctx) throw new KubeconfigError(`The kubeconfig has no context named "${context}".`, 'no-context');
  if (!config.getCluster(ctx.cluster)) throw new KubeconfigError(`Context "${context}" names cluster "${ctx.cluster}", which the kubeconfig does not define.`, 'no-context');
  const copy = new k8s.KubeConfig();
  copy.loadFromOptions({ clusters: config.clusters, users: config.users, contexts: config.contexts, currentContext: context });
  return copy;
}

/** The namespace a context works in by default (kubectl's "default" when none is set). */
export function contextNamespace(config: KubeConfig, context: string): string {
  return config.getContextObject(context)?.namespace || 'default';
}
