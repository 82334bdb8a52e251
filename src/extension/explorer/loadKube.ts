// Loads src/kube on first use. In the packaged extension it is its own bundle, dist/kube.js, so
// activation (any YAML file) does not load @kubernetes/client-node; from the source tree (tests)
// it is an ordinary import.
import { join } from 'node:path';

type KubeModule = typeof import('../../kube/index');

declare const __KUBE_BUNDLE__: boolean | undefined;

let loaded: KubeModule | undefined;

export function loadKube(): KubeModule {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = typeof __KUBE_BUNDLE__ !== 'undefined' && __KUBE_BUNDLE__ ? (require(join(__dirname, 'kube.js')) as KubeModule) : (require('../../kube/index') as KubeModule);
  }
  return loaded;
}
