// The questions of "Switch Object Store Endpoint": the new endpoint URL, which ObjectStores, an
// optional new CA secret, and secret renames (old=new), as `cnpg-tools migrate object-store` takes them.
import * as vscode from 'vscode';
import type { MigrateParams, ObjectStoreInfo } from '../../server/migrateProtocol';

const SECRET_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const CA_SECRET = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(?::([-._a-zA-Z0-9]+))?$/;
const RENAME = /^([^=\s]+)=([^=\s]+)$/;

export async function askObjectStoreSwitch(stores: ObjectStoreInfo[]): Promise<Extract<MigrateParams, { kind: 'object-store' }> | undefined> {
  const endpoints = [...new Set(stores.map((s) => s.endpointURL).filter((e): e is string => e !== undefined))];
  const endpointURL = await vscode.window.showInputBox({
    title: 'Switch Object Store Endpoint (1/4): new endpointURL',
    prompt: `The S3 endpoint the ObjectStores move to${endpoints.length > 0 ? `; now: ${endpoints.join(', ')}` : ''}`,
    placeHolder: 'https://garage.storage.svc.cluster.local:3900',
    ignoreFocusOut: true,
    validateInput: (v) => (/^https?:\/\/[^\s/]+\S*$/.test(v.trim()) ? undefined : 'An http:// or https:// URL.'),
  });
  if (endpointURL === undefined) return undefined;

  let chosen: string[] | undefined;
  if (stores.length > 1) {
    const items = stores.map((s) => ({
      label: s.name,
      description: [s.namespace, s.endpointURL].filter(Boolean).join(' · '),
      detail: vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri)),
      picked: true,
      store: s,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Switch Object Store Endpoint (2/4): ObjectStores to switch', canPickMany: true, ignoreFocusOut: true });
    if (!picked || picked.length === 0) return undefined;
    chosen = picked.length === stores.length ? undefined : picked.map((p) => (p.store.namespace ? `${p.store.namespace}/${p.store.name}` : p.store.name));
  }

  const ca = await vscode.window.showInputBox({
    title: 'Switch Object Store Endpoint (3/4): endpoint CA secret (optional)',
    prompt: 'The Secret holding the new endpoint\'s CA certificate, NAME or NAME:KEY (KEY defaults to the current key, else ca.crt); empty: keep the current CA',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' || CA_SECRET.test(v.trim()) ? undefined : 'NAME or NAME:KEY, with a Kubernetes secret name.'),
  });
  if (ca === undefined) return undefined;
  const caMatch = CA_SECRET.exec(ca.trim());

  const renames = await vscode.window.showInputBox({
    title: 'Switch Object Store Endpoint (4/4): credential secret renames (optional)',
    prompt: 'OLD=NEW for each credential Secret the ObjectStores should now use, separated by spaces or commas; empty: keep the same Secrets',
    placeHolder: 'cnpg-minio-access=cnpg-garage-access',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const bad = splitList(v).find((p) => !RENAME.test(p) || !SECRET_NAME.test(p.split('=')[1]));
      return bad === undefined ? undefined : `"${bad}" is not OLD=NEW with Kubernetes secret names.`;
    },
  });
  if (renames === undefined) return undefined;
  const secrets = Object.fromEntries(splitList(renames).map((p) => p.split('=') as [string, string]));

  return {
    kind: 'object-store',
    endpointURL: endpointURL.trim(),
    ...(caMatch ? { endpointCA: { name: caMatch[1], ...(caMatch[3] ? { key: caMatch[3] } : {}) } } : {}),
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
    ...(chosen ? { stores: chosen } : {}),
  };
}

function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((p) => p !== '');
}
