// What the extension needs from src/kube at run time. The extension bundle loads it on first use
// (dist/kube.js): @kubernetes/client-node is most of the extension's size, and editing YAML never
// needs it.
export { createClusterActions } from './actions';
export { KubeconfigError, kubeconfigFiles, loadKubeconfig } from './kubeconfig';
export { createContextWatcher } from './watcher';
