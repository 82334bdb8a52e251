// Registers the explorer's commands (ids declared in package.json).
import * as vscode from 'vscode';
import type { RowModel } from '../../core/status/tree-types';
import type { ExplorerProvider } from '../explorer/provider';
import type { ExplorerSession } from '../explorer/session';
import type { LiveDocumentProvider, PreviewProvider } from '../liveDocuments';
import { runBackup } from './backup';
import { openLive, restartOrReload } from './cluster';
import { selectKubeconfig, selectNamespaces, switchContext } from './context';
import { revealInExplorer } from './reveal';
import { targetOf, type ClusterTarget } from './target';

export interface CommandDeps {
  session: ExplorerSession;
  view: vscode.TreeView<RowModel>;
  provider: ExplorerProvider;
  preview: PreviewProvider;
  live: LiveDocumentProvider;
  log(line: string): void;
  /** Reads the kubeconfig again and re-renders. */
  reload(): void;
  setFilter(on: boolean): void;
}

export function registerClusterCommands(context: vscode.ExtensionContext, d: CommandDeps): void {
  const { session } = d;
  const liveCluster = (t: ClusterTarget) => {
    const state = session.snapshot(t.context)?.kinds.clusters;
    return state?.state === 'ok' ? state.objects.find((c) => c.metadata.name === t.name && c.metadata.namespace === t.namespace) : undefined;
  };
  const target = (arg: unknown, what: string): ClusterTarget | undefined => {
    const t = targetOf(arg, session.active);
    if (!t) void vscode.window.showWarningMessage(`${what}: run it from a cluster in the CloudNativePG explorer or from a CodeLens.`);
    return t;
  };
  const deps = { actions: (ctx: string) => session.actions(ctx), liveCluster, log: d.log };
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register('cnpg.explorer.refresh', (arg) => {
    const row = arg as RowModel | undefined;
    if (row?.target?.context && row.contextValue !== 'cnpg.context.error+kubeconfig') session.retry(row.target.context);
    else d.reload();
  });
  register('cnpg.explorer.filterAttention', () => d.setFilter(true));
  register('cnpg.explorer.clearFilter', () => d.setFilter(false));
  register('cnpg.explorer.reveal', (arg) =>
    revealInExplorer(arg, {
      view: d.view,
      find: (pred) => d.provider.find(pred),
      activeContext: () => session.active,
      expandContext: (ctx) => session.setExpanded(ctx, true),
      attentionOnly: () => session.attentionOnly,
      clearFilter: () => d.setFilter(false),
    }),
  );
  register('cnpg.context.switch', () => switchContext(session));
  register('cnpg.namespaces.select', () => selectNamespaces(session, namespacesSeen(session)));
  register('cnpg.kubeconfig.select', () => selectKubeconfig());
  register('cnpg.backup.run', (arg) => {
    const t = target(arg, 'Back up now');
    return t && runBackup(t, { ...deps, preview: d.preview });
  });
  register('cnpg.cluster.restart', (arg) => {
    const t = target(arg, 'Restart');
    return t && restartOrReload('restart', t, deps);
  });
  register('cnpg.cluster.reload', (arg) => {
    const t = target(arg, 'Reload');
    return t && restartOrReload('reload', t, deps);
  });
  register('cnpg.cluster.openLive', (arg) => {
    const t = target(arg, 'Open live manifest');
    return t && openLive(t, (uri) => d.live.refresh(uri));
  });
}

function namespacesSeen(session: ExplorerSession): string[] {
  const snap = session.active ? session.snapshot(session.active) : undefined;
  const seen = new Set<string>();
  for (const state of Object.values(snap?.kinds ?? {})) {
    if (state.state !== 'ok') continue;
    for (const o of state.objects) if (o.metadata.namespace) seen.add(o.metadata.namespace);
  }
  return [...seen];
}
