// "Back up now": preview the Backup, confirm, create it, and follow its phase to the end.
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { planBackup } from '../../core/status/backup-manifest';
import { backupOutcome } from '../../core/status/backups';
import { duration, parseTime } from '../../core/status/time';
import { KubeActionError, type ClusterActions, type KubeObject } from '../../kube/types';
import type { PreviewProvider } from '../liveDocuments';
import { confirmModal, errorText, requireTrust } from './confirm';
import type { ClusterTarget } from './target';

export interface BackupDeps {
  actions(context: string): ClusterActions;
  /** The live Cluster from the watched snapshot, if the context is watched. */
  liveCluster(target: ClusterTarget): KubeObject | undefined;
  preview: PreviewProvider;
  log(line: string): void;
}

/** Seconds between phase reads while following a Backup; a few forbidden answers are tolerated (RBAC delay). */
const FOLLOW_INTERVAL_MS = 2000;
const RBAC_RETRY_MS = 3000;

export interface BackupResult {
  name: string;
  phase: string | undefined;
  /** Settles when the Backup completed or failed, or following stopped. */
  followed?: Promise<BackupResult>;
}

export async function runBackup(target: ClusterTarget, deps: BackupDeps): Promise<BackupResult | undefined> {
  if (!requireTrust('Back up now')) return undefined;
  const actions = deps.actions(target.context);
  let cluster = deps.liveCluster(target);
  try {
    cluster ??= await actions.getObject('postgresql.cnpg.io/v1', 'Cluster', target.namespace, target.name);
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot read Cluster ${target.namespace}/${target.name} in context ${target.context}: ${errorText(err)}`);
    return undefined;
  }
  const plan = planBackup(cluster, new Date());
  if (!plan.ok) {
    void vscode.window.showErrorMessage(`Back up now: ${plan.reason}`);
    return undefined;
  }
  const name = plan.manifest.metadata.name;
  const text = `# Backup to create in context ${target.context} (method ${plan.method}: ${plan.why})\n${stringify(plan.manifest)}`;
  const uri = deps.preview.show(name, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  const ok = await confirmModal(
    `Create Backup ${name} of cluster ${target.namespace}/${target.name} in context ${target.context}?`,
    `Method ${plan.method}: ${plan.why}. The manifest is shown beside the editor.`,
    'Create Backup',
  );
  if (!ok) return undefined;

  let created: KubeObject;
  try {
    created = await createWithRbacRetry(actions, target.namespace, plan.manifest, deps.log);
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not create Backup ${name}: ${errorText(err)}`);
    return undefined;
  }
  deps.log(`Created Backup ${target.namespace}/${name} in context ${target.context} (method ${plan.method}).`);
  // Following runs on in a progress notification; the command returns once the Backup exists.
  const followed = follow(actions, target, created, deps.log);
  return { name, phase: created.status?.phase as string | undefined, followed };
}

/** The runbook's RBAC delay: a Role just applied may take a moment; retry once after a few seconds. */
async function createWithRbacRetry(actions: ClusterActions, namespace: string, manifest: KubeObject, log: (l: string) => void): Promise<KubeObject> {
  try {
    return await actions.createBackup(namespace, manifest);
  } catch (err) {
    if (!(err instanceof KubeActionError) || err.error.reason !== 'forbidden') throw err;
    log(`Creating the Backup was forbidden (${err.message}); retrying once in ${RBAC_RETRY_MS / 1000} s.`);
    await sleep(RBAC_RETRY_MS);
    return actions.createBackup(namespace, manifest);
  }
}

function follow(actions: ClusterActions, target: ClusterTarget, created: KubeObject, log: (l: string) => void): Promise<BackupResult> {
  const name = created.metadata.name;
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Backup ${name}`, cancellable: true },
      async (progress, token) => {
        let current = created;
        let lastPhase: string | undefined;
        let failures = 0;
        while (!token.isCancellationRequested) {
          const phase = (current.status?.phase as string | undefined) ?? 'pending';
          if (phase !== lastPhase) {
            progress.report({ message: phase });
            lastPhase = phase;
          }
          const outcome = backupOutcome(phase);
          if (outcome === 'completed' || outcome === 'failed') return finish(current, target, log);
          await sleep(FOLLOW_INTERVAL_MS);
          try {
            current = await actions.getBackup(target.namespace, name);
            failures = 0;
          } catch (err) {
            failures++;
            log(`Reading Backup ${name} failed (${errorText(err)}).`);
            if (failures >= 3) {
              void vscode.window.showErrorMessage(`Stopped following Backup ${name}: ${errorText(err)}`);
              return { name, phase: lastPhase };
            }
          }
        }
        void vscode.window.showInformationMessage(`Backup ${name} continues in the cluster; follow it in the CloudNativePG explorer.`);
        return { name, phase: lastPhase };
      },
    ),
  );
}

function finish(backup: KubeObject, target: ClusterTarget, log: (l: string) => void): BackupResult {
  const name = backup.metadata.name;
  const phase = backup.status?.phase as string | undefined;
  const started = parseTime(backup.status?.startedAt);
  const stopped = parseTime(backup.status?.stoppedAt);
  const took = started !== undefined && stopped !== undefined ? ` in ${duration(stopped - started)}` : '';
  if (backupOutcome(phase) === 'completed') {
    log(`Backup ${name} completed${took}.`);
    void vscode.window.showInformationMessage(`Backup ${name} of ${target.namespace}/${target.name} completed${took}.`);
  } else {
    const error = (backup.status?.error as string | undefined) ?? 'no error message';
    log(`Backup ${name} ${phase}: ${error}`);
    void vscode.window.showErrorMessage(`Backup ${name} of ${target.namespace}/${target.name} ${phase}: ${error}`);
  }
  return { name, phase };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
