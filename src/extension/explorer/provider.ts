// The TreeDataProvider: a thin adapter from the plain row models (src/core/status/tree-model.ts)
// to VS Code TreeItems. It keeps parents for reveal() and always answers with the newest rows.
import * as vscode from 'vscode';
import type { RowModel } from '../../core/status/tree-types';

export class ExplorerProvider implements vscode.TreeDataProvider<RowModel> {
  private roots: RowModel[] = [];
  private readonly byId = new Map<string, RowModel>();
  private readonly parents = new Map<string, RowModel | undefined>();
  private readonly changed = new vscode.EventEmitter<RowModel | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Called when VS Code asks for a row's children: the row is expanded on screen. */
  onChildrenRequested: ((row: RowModel) => void) | undefined;

  setRows(rows: RowModel[]): void {
    this.roots = rows;
    this.byId.clear();
    this.parents.clear();
    const walk = (list: RowModel[], parent: RowModel | undefined) => {
      for (const r of list) {
        this.byId.set(r.id, r);
        this.parents.set(r.id, parent);
        walk(r.children, r);
      }
    };
    walk(rows, undefined);
    this.changed.fire(undefined);
  }

  rows(): RowModel[] {
    return this.roots;
  }

  find(pred: (r: RowModel) => boolean): RowModel | undefined {
    for (const r of this.byId.values()) if (pred(r)) return r;
    return undefined;
  }

  getTreeItem(row: RowModel): vscode.TreeItem {
    const current = this.byId.get(row.id) ?? row;
    const state =
      current.expanded === undefined ? vscode.TreeItemCollapsibleState.None : current.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(current.label, state);
    item.id = current.id;
    item.description = current.description;
    item.contextValue = current.contextValue;
    if (current.icon) item.iconPath = new vscode.ThemeIcon(current.icon.id, current.icon.color ? new vscode.ThemeColor(current.icon.color) : undefined);
    if (current.tooltip) {
      const md = new vscode.MarkdownString(current.tooltip, true);
      md.isTrusted = false;
      item.tooltip = md;
    }
    return item;
  }

  getChildren(row?: RowModel): RowModel[] {
    if (!row) return this.roots;
    const current = this.byId.get(row.id) ?? row;
    this.onChildrenRequested?.(current);
    return current.children;
  }

  getParent(row: RowModel): RowModel | undefined {
    return this.parents.get(row.id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
