// The active Kubernetes context in the status bar; a click switches it.
import * as vscode from 'vscode';

export class ContextStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cnpg.context', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'CloudNativePG context';
    this.item.command = 'cnpg.context.switch';
  }

  /** Hidden when there is no context (no kubeconfig, or Restricted Mode). */
  update(context: string | undefined, operatorVersion: string | undefined, namespaces: string[]): void {
    if (!context) {
      this.item.hide();
      return;
    }
    this.item.text = `$(server-environment) ${context}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown('**CloudNativePG context**: ');
    tip.appendText(context);
    tip.appendMarkdown('  \n');
    tip.appendText(operatorVersion ? `Operator ${operatorVersion}` : 'Operator version not detected');
    tip.appendMarkdown('  \n');
    tip.appendText(namespaces.length > 0 ? `Namespaces: ${namespaces.join(', ')}` : 'All namespaces');
    tip.appendMarkdown('  \n');
    tip.appendText('Click to switch context.');
    this.item.tooltip = tip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
