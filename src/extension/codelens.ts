// CodeLens above Cluster manifests in YAML editors: "Back up now" and "Reveal in explorer" when the
// cluster is live in the active context, "Migrate to the Barman Cloud Plugin" for in-tree manifests
// and "Generate restore test" for clusters with backups, each only when its command is registered.
import * as vscode from 'vscode';
import { readBackupConfig } from '../core/status/backup-config';
import { clusterDocuments, liveMatch } from '../core/status/manifests';
import type { ContextSnapshot, KubeObject } from '../kube/types';

export interface CodeLensDeps {
  activeContext(): string | undefined;
  snapshot(context: string): ContextSnapshot | undefined;
  /** Asks for a one-time read of the active context when nothing is known about it yet. */
  peek(context: string): void;
  onDidChangeLive: vscode.Event<void>;
}

export class ClusterCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private commands: Set<string> | undefined;
  private commandsReadAt = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: CodeLensDeps) {
    this.subscriptions.push(
      deps.onDidChangeLive(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cnpg.codeLens.enabled')) this.changed.fire();
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('cnpg', document.uri).get<boolean>('codeLens.enabled', true)) return [];
    const clusters = clusterDocuments(document.getText());
    if (clusters.length === 0) return [];
    const commands = await this.registeredCommands();
    const context = this.deps.activeContext();
    const snapshot = context ? this.deps.snapshot(context) : undefined;
    if (context && !snapshot && vscode.workspace.isTrusted) this.deps.peek(context);
    const lenses: vscode.CodeLens[] = [];
    for (const c of clusters) {
      const range = new vscode.Range(c.line, 0, c.line, 0);
      const live = context ? liveMatch(snapshot, 'Cluster', c.name, c.namespace) : undefined;
      if (live && context) {
        const target = { context, namespace: live.metadata.namespace, name: live.metadata.name, apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' };
        lenses.push(new vscode.CodeLens(range, { title: '$(cloud-upload) Back up now', command: 'cnpg.backup.run', arguments: [target], tooltip: `Create a Backup of ${target.namespace}/${target.name} in context ${context}` }));
        lenses.push(new vscode.CodeLens(range, { title: 'Reveal in explorer', command: 'cnpg.explorer.reveal', arguments: [target], tooltip: `Show the live cluster in context ${context}` }));
      }
      const config = readBackupConfig({ ...c.value, metadata: { name: c.name, namespace: c.namespace } } as KubeObject, { state: 'unknown', why: 'manifest' });
      const inTree = config.inTree !== undefined || config.inTreeExternalClusters.length > 0;
      const args = [{ uri: document.uri, documentIndex: c.index, name: c.name, namespace: c.namespace }];
      if (inTree && commands.has('cnpg.migration.toPlugin')) {
        lenses.push(new vscode.CodeLens(range, { title: 'Migrate to the Barman Cloud Plugin', command: 'cnpg.migration.toPlugin', arguments: args }));
      }
      if (config.architecture !== 'none' && commands.has('cnpg.restoreTest.generate')) {
        lenses.push(new vscode.CodeLens(range, { title: 'Generate restore test', command: 'cnpg.restoreTest.generate', arguments: args }));
      }
    }
    return lenses;
  }

  /** Commands other parts register later; re-read at most every few seconds. */
  private async registeredCommands(): Promise<Set<string>> {
    const now = Date.now();
    if (!this.commands || now - this.commandsReadAt > 5000) {
      this.commands = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('cnpg.')));
      this.commandsReadAt = now;
    }
    return this.commands;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
