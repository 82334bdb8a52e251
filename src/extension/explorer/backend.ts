// What the explorer needs from src/kube, in one small interface (tests of the session can pass
// their own). The real implementation is in kubeBackend.ts.
import type { ClusterActions, ContextInfo, ContextWatcher } from '../../kube/types';

export interface KubeconfigContents {
  contexts: ContextInfo[];
  /** The kubeconfig's current-context. */
  current: string | undefined;
  /** The files read, for messages. */
  files: string[];
}

export interface KubeBackend {
  /** Reads the kubeconfig (`path`, else KUBECONFIG, else ~/.kube/config). Throws a readable Error. */
  load(path: string | undefined): KubeconfigContents;
  /** A watcher of one context, limited to `namespaces` (empty: all namespaces). Not started. */
  watcher(context: string, namespaces: string[]): ContextWatcher;
  actions(context: string): ClusterActions;
}
