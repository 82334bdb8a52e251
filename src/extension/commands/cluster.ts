// Restart and reload a Cluster (the annotations kubectl cnpg sets, cnpg-facts.md §e), and open a
// live object read-only.
import * as vscode from 'vscode';
import { KubeActionError, type ClusterActions, type KubeObject } from '../../kube/types';
import { isSecretKind, liveUri } from '../liveDocuments';
import { confirmModal, errorText, requireTrust } from './confirm';
import type { ClusterTarget } from './target';

export interface ClusterDeps {
  actions(context: string): ClusterActions;
  liveCluster(target: ClusterTarget): KubeObject | undefined;
  log(line: string): void;
}

type Verb = 'restart' | 'reload';

const WORDS: Record<Verb, { title: string; detail: string; action: string; done: string }> = {
  restart: {
    title: 'Restart',
    detail: 'Sets kubectl.kubernetes.io/restartedAt: the operator restarts every instance, replicas first, then switches over or restarts the primary. Connections drop during the switch.',
    action: 'Restart',
    done: 'rolling restart requested',
  },
  reload: {
    title: 'Reload the configuration of',
    detail: 'Sets cnpg.io/reloadedAt: the operator reconciles the cluster and reloads PostgreSQL settings that do not need a restart.',
    action: 'Reload',
    done: 'reload requested',
  },
};

export async function restartOrReload(verb: Verb, target: ClusterTarget, deps: ClusterDeps): Promise<boolean> {
  if (!requireTrust(verb === 'restart' ? 'Restarting a cluster' : 'Reloading a cluster')) return false;
  const w = WORDS[verb];
  const ok = await confirmModal(`${w.title} cluster ${target.namespace}/${target.name} in context ${target.context}?`, w.detail, w.action);
  if (!ok) return false;
  const actions = deps.actions(target.context);
  // Like kubectl cnpg (client.MergeFrom without OptimisticLock): no resourceVersion, because the
  // operator updates the status all the time and an annotation patch cannot lose anything.
  try {
    if (verb === 'restart') await actions.restartCluster(target.namespace, target.name, undefined);
    else await actions.reloadCluster(target.namespace, target.name, undefined);
  } catch (err) {
    const message = err instanceof KubeActionError && err.error.reason === 'not-found' ? 'the cluster no longer exists' : errorText(err);
    deps.log(`${target.context}: ${verb} of ${target.namespace}/${target.name} failed: ${message}`);
    void vscode.window.showErrorMessage(`Could not ${verb} ${target.namespace}/${target.name}: ${message}`);
    return false;
  }
  deps.log(`${target.context}: ${target.namespace}/${target.name} ${w.done}.`);
  void vscode.window.showInformationMessage(`${target.namespace}/${target.name}: ${w.done}.`);
  return true;
}

export async function openLive(target: ClusterTarget, refresh: (uri: vscode.Uri) => void): Promise<vscode.TextEditor | undefined> {
  if (isSecretKind(target.kind)) {
    void vscode.window.showErrorMessage('Secrets are not opened: their values would be shown in the editor.');
    return undefined;
  }
  const uri = liveUri({ context: target.context, apiVersion: target.apiVersion, kind: target.kind, namespace: target.namespace, name: target.name });
  refresh(uri); // an already open document reads the object again
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
  return vscode.window.showTextDocument(doc, { preview: true });
}
