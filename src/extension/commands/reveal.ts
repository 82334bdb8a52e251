// "Reveal in explorer": from a manifest (or a CodeLens argument) to the matching live row.
import * as vscode from 'vscode';
import { manifestAt } from '../../core/status/manifests';
import type { RowModel } from '../../core/status/tree-types';

export interface RevealDeps {
  view: vscode.TreeView<RowModel>;
  find(pred: (r: RowModel) => boolean): RowModel | undefined;
  activeContext(): string | undefined;
  expandContext(context: string): void;
  attentionOnly(): boolean;
  clearFilter(): void;
}

interface RevealRef {
  context: string | undefined;
  kind: string;
  namespace: string | undefined;
  name: string;
}

const ROW_KINDS: Record<string, RowModel['kind']> = { Cluster: 'cluster', postgresql: 'zalando', Backup: 'backup', ScheduledBackup: 'scheduled' };

function refOf(arg: unknown): RevealRef | undefined {
  const a = arg as Partial<RevealRef> | undefined;
  if (a && typeof a === 'object' && typeof a.name === 'string') return { context: a.context, kind: a.kind ?? 'Cluster', namespace: a.namespace, name: a.name };
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const m = manifestAt(editor.document.getText(), editor.selection.active.line);
  return m ? { context: undefined, kind: m.kind, namespace: m.namespace, name: m.name } : undefined;
}

export async function revealInExplorer(arg: unknown, deps: RevealDeps): Promise<boolean> {
  const ref = refOf(arg);
  const rowKind = ref ? ROW_KINDS[ref.kind] : undefined;
  if (!ref || !rowKind) {
    void vscode.window.showWarningMessage('Put the cursor in a Cluster, Backup, ScheduledBackup or Zalando postgresql manifest to reveal it.');
    return false;
  }
  const context = ref.context ?? deps.activeContext();
  if (!context) {
    void vscode.window.showWarningMessage('No Kubernetes context: choose a kubeconfig first.');
    return false;
  }
  await vscode.commands.executeCommand('cnpg.explorer.focus');
  deps.expandContext(context);
  const matches = (r: RowModel) =>
    r.kind === rowKind && r.target?.context === context && r.target.name === ref.name && (ref.namespace === undefined || r.target.namespace === ref.namespace);
  let row: RowModel | undefined;
  const deadline = Date.now() + 10_000;
  for (;;) {
    row = deps.find(matches);
    if (row) break;
    if (deps.attentionOnly()) deps.clearFilter();
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!row) {
    const where = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
    void vscode.window.showInformationMessage(`${ref.kind} ${where} is not live in context ${context}.`);
    return false;
  }
  await deps.view.reveal(row, { select: true, focus: true, expand: false });
  return true;
}
