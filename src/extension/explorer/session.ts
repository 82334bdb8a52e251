// The explorer's live state: the kubeconfig's contexts, the active one, and one watcher per context
// that is on screen. Watchers run only while the view is visible and the context is expanded (the
// active context counts as expanded); snapshots are kept when they stop, for CodeLens and reveal.
import * as vscode from 'vscode';
import type { ContextInfo, ContextSnapshot, ContextWatcher, KubeError } from '../../kube/types';
import type { KubeBackend } from './backend';

const ACTIVE_KEY = 'cnpg.activeContext';

export class ExplorerSession implements vscode.Disposable {
  contexts: ContextInfo[] = [];
  /** Why the kubeconfig could not be read, when it could not. */
  loadError: string | undefined;
  active: string | undefined;
  attentionOnly = false;
  namespaces: string[] = [];
  private visible = false;
  private readonly expanded = new Set<string>();
  private readonly watchers = new Map<string, { watcher: ContextWatcher; off: () => void }>();
  private readonly snapshots = new Map<string, ContextSnapshot>();
  private readonly contextErrors = new Map<string, KubeError>();
  private readonly peeking = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced by the caller) whenever rows may have changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly backend: KubeBackend,
    private readonly state: vscode.Memento,
    private readonly log: (line: string) => void,
  ) {}

  /** (Re)reads the kubeconfig; `path` undefined means KUBECONFIG or ~/.kube/config. */
  load(path: string | undefined): void {
    this.stopAll();
    this.snapshots.clear();
    this.contextErrors.clear();
    try {
      const kc = this.backend.load(path);
      this.contexts = kc.contexts;
      this.loadError = undefined;
      const remembered = this.state.get<string>(ACTIVE_KEY);
      const names = new Set(kc.contexts.map((c) => c.name));
      this.active = remembered && names.has(remembered) ? remembered : kc.current && names.has(kc.current) ? kc.current : kc.contexts[0]?.name;
      this.log(`Kubeconfig: ${kc.files.join(', ') || '(none)'}; ${kc.contexts.length} contexts; active ${this.active ?? '(none)'}.`);
    } catch (err) {
      this.contexts = [];
      this.active = undefined;
      this.loadError = err instanceof Error ? err.message : String(err);
      this.log(`Kubeconfig not loaded: ${this.loadError}`);
    }
    this.reconcile();
    this.changed.fire();
  }

  /** Forgets everything (Restricted Mode: no kubeconfig may be read). */
  clear(): void {
    this.stopAll();
    this.contexts = [];
    this.active = undefined;
    this.snapshots.clear();
    this.changed.fire();
  }

  get kubeconfigFound(): boolean {
    return this.contexts.length > 0;
  }

  setActive(name: string): void {
    if (!this.contexts.some((c) => c.name === name)) return;
    this.active = name;
    void this.state.update(ACTIVE_KEY, name);
    this.reconcile();
    this.changed.fire();
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.reconcile();
  }

  setExpanded(context: string, expanded: boolean): void {
    if (expanded === this.expanded.has(context)) return;
    if (expanded) this.expanded.add(context);
    else this.expanded.delete(context);
    this.reconcile();
  }

  setNamespaces(namespaces: string[]): void {
    const same = namespaces.length === this.namespaces.length && namespaces.every((n, i) => n === this.namespaces[i]);
    if (same) return;
    this.namespaces = namespaces;
    // Watchers list with the namespaces they were created for: start them again.
    this.stopAll();
    this.snapshots.clear();
    this.reconcile();
    this.changed.fire();
  }

  /** The retry action: forget errors and list again (one context, or all). */
  retry(context?: string): void {
    for (const [name, w] of this.watchers) if (!context || name === context) w.watcher.retry();
    for (const name of [...this.contextErrors.keys()]) if (!context || name === context) this.contextErrors.delete(name);
    if (context && !this.watchers.has(context)) this.snapshots.delete(context);
    this.reconcile();
    this.changed.fire();
  }

  snapshot(context: string): ContextSnapshot | undefined {
    return this.watchers.get(context)?.watcher.snapshot() ?? this.snapshots.get(context);
  }

  contextError(context: string): KubeError | undefined {
    return this.contextErrors.get(context);
  }

  isWatching(context: string): boolean {
    return this.watchers.has(context);
  }

  /**
   * One read of a context nobody watches yet (CodeLens needs to know which clusters are live):
   * a watcher that stops as soon as the clusters are listed, or after 15 s.
   */
  peek(context: string): void {
    if (this.watchers.has(context) || this.snapshots.has(context) || this.peeking.has(context)) return;
    let watcher: ContextWatcher;
    try {
      watcher = this.backend.watcher(context, this.namespaces);
    } catch {
      return;
    }
    this.peeking.add(context);
    const done = () => {
      off();
      clearTimeout(timer);
      if (!this.watchers.has(context)) this.snapshots.set(context, watcher.snapshot());
      watcher.stop();
      this.peeking.delete(context);
      this.changed.fire();
    };
    const off = watcher.onDidChange((snap) => {
      if (snap.kinds.clusters.state !== 'loading') done();
    });
    const timer = setTimeout(done, 15_000);
    watcher.start();
  }

  actions(context: string) {
    return this.backend.actions(context);
  }

  /** Starts the watchers that should run and stops the others. */
  private reconcile(): void {
    const wanted = new Set<string>();
    if (this.visible) {
      if (this.active) wanted.add(this.active);
      for (const c of this.expanded) if (this.contexts.some((x) => x.name === c)) wanted.add(c);
    }
    for (const [name, w] of [...this.watchers]) {
      if (wanted.has(name)) continue;
      this.snapshots.set(name, w.watcher.snapshot());
      w.off();
      w.watcher.stop();
      this.watchers.delete(name);
    }
    for (const name of wanted) {
      if (this.watchers.has(name)) continue;
      try {
        const watcher = this.backend.watcher(name, this.namespaces);
        const off = watcher.onDidChange(() => this.changed.fire());
        this.watchers.set(name, { watcher, off });
        this.contextErrors.delete(name);
        watcher.start();
      } catch (err) {
        this.contextErrors.set(name, { reason: 'other', message: err instanceof Error ? err.message : String(err) });
        this.changed.fire();
      }
    }
  }

  private stopAll(): void {
    for (const [name, w] of this.watchers) {
      this.snapshots.set(name, w.watcher.snapshot());
      w.off();
      w.watcher.stop();
    }
    this.watchers.clear();
  }

  dispose(): void {
    this.stopAll();
    this.changed.dispose();
  }
}
