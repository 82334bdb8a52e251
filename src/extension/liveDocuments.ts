// Read-only documents: live objects as YAML (scheme cnpg-live) and manifest previews shown before a
// mutation (scheme cnpg-preview). Secrets are never fetched or shown.
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import type { ClusterActions, KubeObject } from '../kube/types';

export const LIVE_SCHEME = 'cnpg-live';
export const PREVIEW_SCHEME = 'cnpg-preview';

export interface LiveRef {
  context: string;
  apiVersion: string;
  kind: string;
  namespace: string | undefined;
  name: string;
}

export function liveUri(ref: LiveRef): vscode.Uri {
  const seg = (s: string) => encodeURIComponent(s);
  const query = new URLSearchParams({ apiVersion: ref.apiVersion }).toString();
  return vscode.Uri.from({ scheme: LIVE_SCHEME, path: `/${seg(ref.context)}/${seg(ref.namespace ?? '_')}/${seg(ref.kind)}/${seg(ref.name)}.yaml`, query });
}

export function parseLiveUri(uri: vscode.Uri): LiveRef {
  const [context, namespace, kind, file] = uri.path.split('/').slice(1).map(decodeURIComponent);
  const apiVersion = new URLSearchParams(uri.query).get('apiVersion') ?? '';
  return { context, apiVersion, kind, namespace: namespace === '_' ? undefined : namespace, name: file.replace(/\.yaml$/, '') };
}

/** Removes what only the API server needs, which would drown the spec. */
export function cleanForDisplay(obj: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject & { metadata: Record<string, unknown> };
  delete copy.metadata.managedFields;
  const annotations = copy.metadata.annotations as Record<string, string> | undefined;
  if (annotations) {
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    if (Object.keys(annotations).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}

export function isSecretKind(kind: string): boolean {
  return kind.toLowerCase() === 'secret';
}

export class LiveDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly actionsFor: (context: string) => ClusterActions) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseLiveUri(uri);
    if (isSecretKind(ref.kind)) return '# Secrets are not shown.\n';
    try {
      const obj = await this.actionsFor(ref.context).getObject(ref.apiVersion, ref.kind, ref.namespace, ref.name);
      const where = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
      const header = `# Live ${ref.kind} ${where} in context ${ref.context} (read-only; managedFields removed)\n`;
      return header + stringify(cleanForDisplay(obj), { lineWidth: 0 });
    } catch (err) {
      return `# Could not read ${ref.kind} ${ref.name} in context ${ref.context}:\n# ${(err instanceof Error ? err.message : String(err)).replace(/\n/g, '\n# ')}\n`;
    }
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}

/** Manifests waiting for a confirmation, shown read-only. */
export class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  show(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${encodeURIComponent(name)}.yaml` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}
