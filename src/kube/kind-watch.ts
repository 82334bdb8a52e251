// All the informers of one kind in one context, and their combined state. With chosen namespaces
// there is one informer per namespace. Without, one informer watches all namespaces; if RBAC
// forbids that, it falls back to one informer per namespace the user may list.
import type { Informer } from './informer';
import type { KindSpec } from './kinds';
import type { KindState, KubeError, KubeObject } from './types';

export interface KindWatchHost {
  makeInformer(spec: KindSpec, namespace: string | undefined): Informer;
  /** Namespaces to try when listing across all of them is forbidden. */
  fallbackNamespaces(): Promise<string[]>;
  /** The combined state changed without an informer event (the fallback found nothing to try). */
  changed(): void;
}

export class KindWatch {
  private informers: Informer[] = [];
  private mode: 'all' | 'chosen' | 'fallback';
  /** The cluster-scope refusal that triggered the fallback (reported if every namespace refuses too). */
  private scopeError: KubeError | undefined;
  private generation = 0;
  private fallbackPending = false;
  private running = false;

  constructor(
    private readonly spec: KindSpec,
    private readonly chosen: string[],
    private readonly host: KindWatchHost,
  ) {
    this.mode = chosen.length > 0 ? 'chosen' : 'all';
  }

  start(): void {
    this.running = true;
    if (this.informers.length === 0) this.create();
    if (this.fallbackPending) return;
    for (const i of this.informers) i.start();
  }

  stop(): void {
    this.running = false;
    for (const i of this.informers) i.stop();
  }

  /** Lists again from scratch, including the question whether all namespaces may be listed. */
  restart(): void {
    this.stop();
    this.generation++;
    this.informers = [];
    this.scopeError = undefined;
    this.fallbackPending = false;
    this.mode = this.chosen.length > 0 ? 'chosen' : 'all';
    this.start();
  }

  hasProblem(): boolean {
    const s = this.state();
    return s.state === 'error' || (s.state === 'ok' && (s.warnings?.length ?? 0) > 0);
  }

  private create(): void {
    const namespaces = this.mode === 'chosen' ? this.chosen : [undefined];
    this.informers = namespaces.map((ns) => this.host.makeInformer(this.spec, ns));
  }

  /** Called by the host on every informer change, before the snapshot is rebuilt. */
  onInformerChange(): void {
    if (this.mode !== 'all' || this.informers.length !== 1) return;
    const only = this.informers[0];
    if (only.state.state === 'error' && only.state.error.reason === 'forbidden') {
      this.scopeError = only.state.error;
      only.stop();
      this.mode = 'fallback';
      this.fallbackPending = true;
      const generation = this.generation;
      void this.host.fallbackNamespaces().then((namespaces) => {
        if (generation !== this.generation || this.mode !== 'fallback') return;
        this.fallbackPending = false;
        if (namespaces.length === 0) return this.host.changed();
        this.informers = namespaces.map((ns) => this.host.makeInformer(this.spec, ns));
        if (this.running) for (const i of this.informers) i.start();
      });
    }
  }

  /**
   * In fallback mode, follows the namespaces that exist now: a namespace created after the start
   * gets its informer, a deleted one loses it.
   */
  syncFallbackNamespaces(names: readonly string[]): void {
    if (this.mode !== 'fallback' || this.fallbackPending) return;
    const wanted = new Set(names);
    const kept = this.informers.filter((i) => wanted.has(i.namespace ?? ''));
    for (const i of this.informers) if (!kept.includes(i)) i.stop();
    const covered = new Set(kept.map((i) => i.namespace));
    const added = names.filter((n) => !covered.has(n)).map((n) => this.host.makeInformer(this.spec, n));
    if (added.length === 0 && kept.length === this.informers.length) return;
    this.informers = [...kept, ...added];
    if (this.running) for (const i of added) i.start();
    this.host.changed();
  }

  state(): KindState {
    const states = this.informers.map((i) => i.state);
    if (states.length === 0 || this.fallbackPending || states.some((s) => s.state === 'loading')) return { state: 'loading' };
    const oks = this.informers.filter((i) => i.state.state === 'ok');
    const errors = states.flatMap((s) => (s.state === 'error' ? [s.error] : []));
    if (oks.length === 0) {
      const forbiddenEverywhere = this.mode === 'fallback' && errors.every((e) => e.reason === 'forbidden');
      return { state: 'error', error: forbiddenEverywhere && this.scopeError ? this.scopeError : errors[0] };
    }
    const objects: KubeObject[] = [];
    for (const i of oks) objects.push(...i.objects.values());
    const result: KindState = { state: 'ok', objects };
    // In fallback mode, namespaces the user may not read are simply not shown; chosen ones are reported.
    const warnings = this.mode === 'fallback' ? errors.filter((e) => e.reason !== 'forbidden') : errors;
    if (warnings.length > 0) result.warnings = warnings;
    if (oks.every((i) => i.state.state === 'ok' && i.state.apiMissing)) result.apiMissing = true;
    return result;
  }
}
