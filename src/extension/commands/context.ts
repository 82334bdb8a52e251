// Choosing the active context, the namespaces shown and the kubeconfig file.
import * as vscode from 'vscode';
import type { ExplorerSession } from '../explorer/session';
import { requireTrust } from './confirm';

export async function switchContext(session: ExplorerSession): Promise<string | undefined> {
  if (!requireTrust('Switching the Kubernetes context')) return undefined;
  if (session.contexts.length === 0) {
    void vscode.window.showWarningMessage(session.loadError ? `No kubeconfig contexts: ${session.loadError}` : 'No kubeconfig contexts were found.');
    return undefined;
  }
  const items = session.contexts.map((c) => ({
    label: c.name,
    description: [c.name === session.active ? 'active' : undefined, c.current ? 'kubeconfig current-context' : undefined].filter(Boolean).join(' · '),
    detail: [c.cluster ? `cluster ${c.cluster}` : undefined, c.user ? `user ${c.user}` : undefined, c.namespace ? `namespace ${c.namespace}` : undefined].filter(Boolean).join(' · '),
  }));
  const pick = await vscode.window.showQuickPick(items, { title: 'CloudNativePG: switch context', placeHolder: 'The context the explorer, CodeLens and diagnostics use (the kubeconfig file is not changed)' });
  if (!pick) return undefined;
  session.setActive(pick.label);
  return pick.label;
}

/** Multi-select of the namespaces seen in the active context, written to the setting cnpg.namespaces. */
export async function selectNamespaces(session: ExplorerSession, seen: string[]): Promise<string[] | undefined> {
  if (!requireTrust('Choosing namespaces')) return undefined;
  const configured = vscode.workspace.getConfiguration('cnpg').get<string[]>('namespaces', []);
  const all = [...new Set([...seen, ...configured])].sort();
  const items: vscode.QuickPickItem[] = all.map((ns) => ({ label: ns, picked: configured.includes(ns) }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'CloudNativePG: namespaces to show',
    placeHolder: all.length > 0 ? 'Pick none to show every namespace you can list' : 'No namespace with clusters seen yet: pick none to show all',
  });
  if (!picked) return undefined;
  const namespaces = picked.map((p) => p.label);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('cnpg').update('namespaces', namespaces.length > 0 ? namespaces : undefined, target);
  session.setNamespaces(namespaces);
  return namespaces;
}

/** A file picker for the kubeconfig, written to the user setting (a workspace value would be restricted anyway). */
export async function selectKubeconfig(): Promise<string | undefined> {
  if (!requireTrust('Choosing a kubeconfig')) return undefined;
  const home = process.env.HOME ?? process.env.USERPROFILE;
  const picked = await vscode.window.showOpenDialog({
    title: 'Choose a kubeconfig file',
    canSelectMany: false,
    canSelectFolders: false,
    defaultUri: home ? vscode.Uri.file(`${home}/.kube`) : undefined,
    openLabel: 'Use this kubeconfig',
  });
  const file = picked?.[0];
  if (!file) return undefined;
  await vscode.workspace.getConfiguration('cnpg').update('kubeconfig', file.fsPath, vscode.ConfigurationTarget.Global);
  return file.fsPath;
}
