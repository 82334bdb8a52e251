// ContextWatcher: a live, debounced snapshot of one kubeconfig context, built from one KindWatch per
// watched kind plus the operator detection. Failures stay inside their kind (or context).
import { DEFAULT_BACKOFF, realScheduler, type BackoffOptions, type Scheduler } from './backoff';
import type { KubeConfig } from './client';
import { Informer, type InformerOptions } from './informer';
import { KindWatch } from './kind-watch';
import { ALL_KINDS, KIND_SPECS, NAMESPACE_SPEC, type KindSpec } from './kinds';
import { configForContext, contextNamespace } from './kubeconfig';
import { detectOperator, operatorFromInstances, type OperatorDetection } from './operator';
import { RestClient, type RestClientOptions } from './rest';
import type { ContextSnapshot, ContextWatcher, KindState, KubeError, OperatorInfo, WatchedKind } from './types';

export interface WatcherOptions {
  /** Namespaces to show; empty or undefined: every namespace the user may list. */
  namespaces?: string[];
  kinds?: WatchedKind[];
  /** onDidChange fires at most once per this many milliseconds (default 100). */
  debounceMs?: number;
  backoff?: Partial<BackoffOptions>;
  scheduler?: Scheduler;
  random?: () => number;
  /** Bounds for the server-side watch timeout, in seconds (default 300 to 600, like client-go). */
  watchTimeoutSeconds?: [number, number];
  /** Page size of list requests (default 500). */
  listPageSize?: number;
  /** Read the operator's Deployment (default true). */
  detectOperator?: boolean;
  onRequest?: RestClientOptions['onRequest'];
}

export function createContextWatcher(config: KubeConfig, context: string, options: WatcherOptions = {}): ContextWatcher {
  return new KubeContextWatcher(config, context, options);
}

class KubeContextWatcher implements ContextWatcher {
  private readonly kinds = new Map<WatchedKind, KindWatch>();
  private readonly listeners = new Set<(s: ContextSnapshot) => void>();
  private readonly scheduler: Scheduler;
  private rest: RestClient | undefined;
  private setupError: KubeError | undefined;
  private defaultNamespace = 'default';
  private running = false;
  private cached: ContextSnapshot | undefined;
  private debounce: unknown;
  /** The namespaces, watched once a kind falls back to per-namespace informers. */
  private namespaceWatch: { informer: Informer; ready: Promise<string[]>; resolve: ((names: string[]) => void) | undefined } | undefined;
  private readonly informerOptions: InformerOptions;
  private operator: { state: 'idle' | 'running' | 'done' | 'failed'; result?: OperatorDetection } = { state: 'idle' };
  /** The instance-reported versions that last made the watcher read the Deployments again. */
  private upgradeSeen: string | undefined;

  constructor(
    config: KubeConfig,
    readonly context: string,
    private readonly options: WatcherOptions,
  ) {
    this.scheduler = options.scheduler ?? realScheduler;
    try {
      const scoped = configForContext(config, context);
      this.defaultNamespace = contextNamespace(config, context);
      this.rest = new RestClient(scoped, { onRequest: options.onRequest });
    } catch (e) {
      this.setupError = { reason: 'other', message: (e as Error).message };
    }
    const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    const random = options.random ?? Math.random;
    const [minTimeout, maxTimeout] = options.watchTimeoutSeconds ?? [300, 600];
    const informerOptions = (this.informerOptions = {
      backoff,
      scheduler: this.scheduler,
      random,
      watchTimeoutSeconds: () => Math.floor(minTimeout + random() * (maxTimeout - minTimeout)),
      listPageSize: options.listPageSize ?? 500,
    });
    const host = {
      makeInformer: (spec: KindSpec, namespace: string | undefined) => new Informer(this.rest!, spec, namespace, informerOptions, () => this.changed(spec.key as WatchedKind)),
      fallbackNamespaces: () => this.fallbackNamespaces(),
      changed: () => this.changed(),
    };
    for (const key of options.kinds ?? ALL_KINDS) this.kinds.set(key, new KindWatch(KIND_SPECS[key], options.namespaces ?? [], host));
  }

  start(): void {
    if (this.running || this.setupError) return;
    this.running = true;
    for (const k of this.kinds.values()) k.start();
    this.namespaceWatch?.informer.start();
    if (this.operator.state === 'idle' || this.operator.state === 'failed') void this.detect();
  }

  stop(): void {
    this.running = false;
    for (const k of this.kinds.values()) k.stop();
    this.namespaceWatch?.informer.stop();
    if (this.debounce !== undefined) this.scheduler.clearTimeout(this.debounce);
    this.debounce = undefined;
  }

  retry(): void {
    if (this.setupError) return;
    // A namespace watch that failed is tried again by the kinds that fall back anew.
    if (this.namespaceWatch && this.namespaceWatch.informer.state.state === 'error') {
      this.namespaceWatch.informer.stop();
      this.namespaceWatch = undefined;
    }
    for (const k of this.kinds.values()) if (k.hasProblem()) k.restart();
    if (this.operator.state !== 'running' && !this.operator.result?.info) {
      this.operator = { state: 'idle' };
      if (this.running) void this.detect();
    }
    this.changed();
  }

  onDidChange(listener: (snapshot: ContextSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): ContextSnapshot {
    if (this.cached) return this.cached;
    const kinds = {} as Record<WatchedKind, KindState>;
    for (const key of ALL_KINDS) {
      const watch = this.kinds.get(key);
      if (this.setupError) kinds[key] = { state: 'error', error: this.setupError };
      else kinds[key] = watch ? watch.state() : { state: 'ok', objects: [] };
    }
    this.cached = { context: this.context, kinds, operator: this.operatorInfo(kinds) };
    return this.cached;
  }

  private operatorInfo(kinds: Record<WatchedKind, KindState>): OperatorInfo | undefined {
    const detected = this.operator.result?.info;
    if (detected) return detected;
    if (this.operator.state !== 'done' && this.operator.state !== 'failed') return undefined;
    const objects = (k: KindState) => (k.state === 'ok' ? k.objects : []);
    return operatorFromInstances(objects(kinds.pods), objects(kinds.clusters));
  }

  private async detect(): Promise<void> {
    if (this.options.detectOperator === false || !this.rest) return;
    this.operator = { state: 'running' };
    const result = await detectOperator(this.rest);
    const transient = result.error && (result.error.reason === 'unreachable' || result.error.reason === 'timeout' || result.error.reason === 'other');
    this.operator = { state: transient ? 'failed' : 'done', result };
    this.changed();
  }

  /**
   * An operator or plugin upgrade shows on the watched objects: CNPG stamps the new version on each
   * instance Pod (`cnpg.io/operatorVersion`) and Clusters report the loaded plugin's version. When
   * what the instances say differs from what was read from the Deployments, read them again (once
   * per newly seen pair of versions), instead of polling the Deployments or watching them too.
   */
  private redetectOnUpgrade(): void {
    const detected = this.operator.result?.info;
    if (!this.running || this.operator.state !== 'done' || detected?.source !== 'deployment') return;
    const objects = (k: WatchedKind) => {
      const state = this.kinds.get(k)?.state();
      return state?.state === 'ok' ? state.objects : [];
    };
    const seen = operatorFromInstances(objects('pods'), objects('clusters'));
    const key = `${seen?.version ?? ''}|${seen?.barmanPlugin.version ?? ''}`;
    const differs = (seen?.version !== undefined && seen.version !== detected.version) || (seen?.barmanPlugin.version !== undefined && seen.barmanPlugin.version !== detected.barmanPlugin.version);
    if (!differs || key === this.upgradeSeen) return;
    this.upgradeSeen = key;
    void this.detect();
  }

  /**
   * Every namespace the user may list, else the context's namespace (what kubectl would use). The
   * namespaces stay watched, so kinds in fallback mode follow namespaces created later.
   */
  private fallbackNamespaces(): Promise<string[]> {
    if (!this.namespaceWatch) {
      let resolve: (names: string[]) => void = () => undefined;
      const ready = new Promise<string[]>((r) => (resolve = r));
      const informer = new Informer(this.rest!, NAMESPACE_SPEC, undefined, this.informerOptions, () => this.namespacesChanged());
      this.namespaceWatch = { informer, ready, resolve };
      if (this.running) informer.start();
    }
    return this.namespaceWatch.ready;
  }

  private namespacesChanged(): void {
    const watch = this.namespaceWatch;
    if (!watch) return;
    const state = watch.informer.state;
    if (state.state === 'loading') return;
    if (state.state === 'error') {
      // Namespaces cannot be listed: the context's namespace is all there is to try. A later error
      // (after a list) keeps the namespaces already known.
      if (watch.resolve) {
        watch.resolve([this.defaultNamespace]);
        watch.resolve = undefined;
        watch.informer.stop();
      }
      return;
    }
    const names = [...watch.informer.objects.values()].map((o) => o.metadata.name).sort();
    for (const k of this.kinds.values()) k.syncFallbackNamespaces(names);
    watch.resolve?.(names);
    watch.resolve = undefined;
  }

  private changed(kind?: WatchedKind): void {
    if (kind) this.kinds.get(kind)?.onInformerChange();
    this.cached = undefined;
    if (kind === 'pods' || kind === 'clusters') this.redetectOnUpgrade();
    // Connectivity is back and the operator could not be read before: read it now.
    if (this.running && this.operator.state === 'failed' && kind && this.kinds.get(kind)?.state().state === 'ok') void this.detect();
    if (this.debounce !== undefined || this.listeners.size === 0) return;
    this.debounce = this.scheduler.setTimeout(
      () => {
        this.debounce = undefined;
        const snap = this.snapshot();
        for (const l of [...this.listeners]) {
          try {
            l(snap);
          } catch {
            // One listener's failure must not stop the others or the watcher.
          }
        }
      },
      this.options.debounceMs ?? 100,
      'debounce',
    );
  }
}
