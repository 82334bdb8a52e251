// The explorer's KubeBackend on top of src/kube: one merged kubeconfig, a watcher and an actions
// object per context.
import type { KubeConfig } from '../../kube/client';
import type { ClusterActions } from '../../kube/types';
import type { KubeBackend, KubeconfigContents } from './backend';
import { loadKube } from './loadKube';

export class KubeClientBackend implements KubeBackend {
  private config: KubeConfig | undefined;
  private readonly actionsByContext = new Map<string, ClusterActions>();

  load(path: string | undefined): KubeconfigContents {
    this.config = undefined;
    this.actionsByContext.clear();
    const { KubeconfigError, kubeconfigFiles, loadKubeconfig } = loadKube();
    try {
      const loaded = loadKubeconfig({ path });
      this.config = loaded.config;
      return { contexts: loaded.contexts, current: loaded.current, files: loaded.files };
    } catch (err) {
      // No file where kubectl would look is not an error: the view shows its welcome instead.
      if (err instanceof KubeconfigError && err.code === 'not-found' && kubeconfigFiles({ path }).origin === 'default') {
        return { contexts: [], current: undefined, files: [] };
      }
      throw err;
    }
  }

  watcher(context: string, namespaces: string[]) {
    return loadKube().createContextWatcher(this.requireConfig(), context, { namespaces, debounceMs: 150 });
  }

  actions(context: string): ClusterActions {
    let a = this.actionsByContext.get(context);
    if (!a) {
      a = loadKube().createClusterActions(this.requireConfig(), context);
      this.actionsByContext.set(context, a);
    }
    return a;
  }

  private requireConfig(): KubeConfig {
    if (!this.config) throw new Error('No kubeconfig is loaded.');
    return this.config;
  }
}
