// The cluster explorer: wires the session (kubeconfig, watchers), the tree, the status bar, the
// CodeLens and the commands together. Rows are built by src/core/status/tree-model.ts.
import * as vscode from 'vscode';
import type { CnpgToolsApi } from '../main';
import { buildTree } from '../../core/status/tree-model';
import { TreeCache } from '../../core/status/tree-cache';
import type { ContextInput, RowModel } from '../../core/status/tree-types';
import type { ContextSnapshot } from '../../kube/types';
import { ClusterCodeLensProvider } from '../codelens';
import { registerClusterCommands } from '../commands/register';
import { initConfirm } from '../commands/confirm';
import { LIVE_SCHEME, LiveDocumentProvider, PREVIEW_SCHEME, PreviewProvider } from '../liveDocuments';
import { ContextStatusBar } from '../statusBar';
import type { KubeBackend } from './backend';
import { KubeClientBackend } from './kubeBackend';
import { ExplorerProvider } from './provider';
import { ExplorerSession } from './session';

const RENDER_DEBOUNCE_MS = 200;
/** Relative times ("3h ago") age while the view is open; re-render (no API calls) once a minute. */
const CLOCK_TICK_MS = 60_000;

export interface ExplorerHandle {
  session: ExplorerSession;
  provider: ExplorerProvider;
  view: vscode.TreeView<RowModel>;
  /** Renders now instead of after the debounce (tests). */
  renderNow(): void;
  isEmpty(): boolean;
}

export function registerExplorer(context: vscode.ExtensionContext, output: vscode.OutputChannel, api: CnpgToolsApi, backend: KubeBackend = new KubeClientBackend()): ExplorerHandle {
  initConfirm(context);
  const log = (line: string) => output.appendLine(`[explorer] ${line}`);
  const session = new ExplorerSession(backend, context.globalState, log);
  const provider = new ExplorerProvider();
  const view = vscode.window.createTreeView('cnpg.explorer', { treeDataProvider: provider, showCollapseAll: true });
  const statusBar = new ContextStatusBar();
  const live = new LiveDocumentProvider((ctx) => session.actions(ctx));
  const preview = new PreviewProvider();
  const liveChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    session,
    provider,
    view,
    statusBar,
    liveChanged,
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, live),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
  );

  const cache = new TreeCache();
  let empty = false;
  let published: string | undefined;
  let publishedOnce = false;
  const render = () => {
    const options = { now: Date.now(), attentionOnly: session.attentionOnly, namespaces: session.namespaces, cache };
    const inputs: ContextInput[] = session.contexts.map((c) => ({
      name: c.name,
      active: c.name === session.active,
      cluster: c.cluster,
      user: c.user,
      snapshot: session.snapshot(c.name),
      error: session.contextError(c.name),
    }));
    const activeSnap = session.active ? session.snapshot(session.active) : undefined;
    const othersWatched = session.contexts.some((c) => c.name !== session.active && session.isWatching(c.name));
    empty = session.kubeconfigFound && isEmptySnapshot(activeSnap) && !othersWatched && !session.attentionOnly;
    let rows: RowModel[] = empty ? [] : buildTree(inputs, options);
    cache.sweep();
    if (session.loadError) rows = [kubeconfigErrorRow(session.loadError)];
    provider.setRows(rows);
    void vscode.commands.executeCommand('setContext', 'cnpg.kubeconfigFound', session.kubeconfigFound || session.loadError !== undefined);
    void vscode.commands.executeCommand('setContext', 'cnpg.explorer.empty', empty);
    const version = activeSnap?.operator?.version;
    statusBar.update(session.active, version, session.namespaces);
    if (activeSnap && (!publishedOnce || version !== published)) {
      published = version;
      publishedOnce = true;
      api.setDetectedOperatorVersion(version);
      if (version) log(`Operator ${version} detected in context ${session.active}.`);
    }
    liveChanged.fire();
  };
  let timer: NodeJS.Timeout | undefined;
  const scheduleRender = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      render();
    }, RENDER_DEBOUNCE_MS);
  };
  const clock = setInterval(() => view.visible && render(), CLOCK_TICK_MS);
  context.subscriptions.push(session.onDidChange(scheduleRender), { dispose: () => (clearInterval(clock), timer && clearTimeout(timer)) });

  // Watch only what is on screen: the view while visible, contexts while expanded.
  provider.onChildrenRequested = (row) => row.kind === 'context' && row.target && session.setExpanded(row.target.context, true);
  context.subscriptions.push(
    view.onDidChangeVisibility((e) => session.setVisible(e.visible)),
    view.onDidExpandElement((e) => e.element.kind === 'context' && e.element.target && session.setExpanded(e.element.target.context, true)),
    view.onDidCollapseElement((e) => e.element.kind === 'context' && e.element.target && session.setExpanded(e.element.target.context, false)),
  );

  // The kubeconfig may run programs (exec credentials): read it only in a trusted workspace.
  const loadKubeconfig = () => {
    if (!vscode.workspace.isTrusted) {
      log('Restricted Mode: the kubeconfig is not read.');
      session.clear();
      return;
    }
    const path = vscode.workspace.getConfiguration('cnpg').get<string>('kubeconfig', '').trim();
    session.load(path || undefined);
  };
  const readNamespaces = () => session.setNamespaces(vscode.workspace.getConfiguration('cnpg').get<string[]>('namespaces', []).filter((n) => typeof n === 'string' && n !== ''));
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(loadKubeconfig),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cnpg.kubeconfig')) loadKubeconfig();
      if (e.affectsConfiguration('cnpg.namespaces')) readNamespaces();
    }),
  );
  readNamespaces();
  loadKubeconfig();
  session.setVisible(view.visible);

  const setFilter = (on: boolean) => {
    session.attentionOnly = on;
    view.description = on ? 'needs attention' : undefined;
    void vscode.commands.executeCommand('setContext', 'cnpg.explorer.filtered', on);
    render();
  };
  registerClusterCommands(context, {
    session,
    view,
    provider,
    preview,
    live,
    log,
    reload: () => {
      loadKubeconfig();
      render();
    },
    setFilter,
  });

  const codeLens = new ClusterCodeLensProvider({
    activeContext: () => session.active,
    snapshot: (ctx) => session.snapshot(ctx),
    peek: (ctx) => session.peek(ctx),
    onDidChangeLive: liveChanged.event,
  });
  context.subscriptions.push(codeLens, vscode.languages.registerCodeLensProvider({ language: 'yaml' }, codeLens));

  const handle: ExplorerHandle = { session, provider, view, renderNow: render, isEmpty: () => empty };
  if (context.extensionMode === vscode.ExtensionMode.Test) registerTestCommand(context, handle);
  render();
  return handle;
}

function isEmptySnapshot(s: ContextSnapshot | undefined): boolean {
  if (!s) return false;
  const c = s.kinds.clusters;
  const z = s.kinds.zalando;
  return c.state === 'ok' && c.objects.length === 0 && !(c.warnings?.length) && !(z.state === 'ok' && z.objects.length > 0);
}

function kubeconfigErrorRow(message: string): RowModel {
  return {
    id: 'kubeconfig-error',
    kind: 'context-error',
    label: 'Cannot read the kubeconfig',
    description: message,
    tooltip: message.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`),
    icon: { id: 'error', color: 'problemsErrorIcon.foreground' },
    contextValue: 'cnpg.context.error+kubeconfig',
    expanded: undefined,
    children: [],
  };
}

/** Integration tests read the rows and drive the session through this command; it exists only in test mode. */
function registerTestCommand(context: vscode.ExtensionContext, h: ExplorerHandle): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('cnpg.test.explorer', async (action?: { expand?: string; visible?: boolean; reveal?: string }) => {
      if (action?.expand) h.session.setExpanded(action.expand, true);
      if (action?.visible !== undefined) h.session.setVisible(action.visible);
      h.renderNow();
      const row = action?.reveal ? h.provider.find((r) => r.id === action.reveal) : undefined;
      if (row) await h.view.reveal(row, { expand: true, select: true, focus: true });
      if (row && row.kind === 'context') await vscode.commands.executeCommand('list.expand');
      return { rows: h.provider.rows(), active: h.session.active, empty: h.isEmpty(), contexts: h.session.contexts.map((c) => c.name), watching: h.session.contexts.filter((c) => h.session.isWatching(c.name)).map((c) => c.name) };
    }),
  );
}
