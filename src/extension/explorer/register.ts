// The cluster explorer view. Issue 5 fills in live data; until a kubeconfig is found the view
// shows its welcome content.
import * as vscode from 'vscode';
import type { CnpgToolsApi } from '../main';

class PlaceholderProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  getTreeItem(e: vscode.TreeItem): vscode.TreeItem {
    return e;
  }
  getChildren(): vscode.TreeItem[] {
    return [];
  }
}

export function registerExplorer(context: vscode.ExtensionContext, _output: vscode.OutputChannel, _api: CnpgToolsApi): void {
  const view = vscode.window.createTreeView('cnpg.explorer', { treeDataProvider: new PlaceholderProvider(), showCollapseAll: true });
  context.subscriptions.push(view);
  void vscode.commands.executeCommand('setContext', 'cnpg.kubeconfigFound', false);
}
