// The one place that loads @kubernetes/client-node. It is an ES module; this project compiles to
// CommonJS, so it is loaded with require() (Node >= 20.19 loads ES modules synchronously; esbuild
// bundles it; tsx handles it in tests) and typed through a type-only import in import mode.
import type * as ClientNode from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const k8s: typeof ClientNode = require('@kubernetes/client-node');

export type KubeConfig = ClientNode.KubeConfig;
export type KubeCluster = ClientNode.Cluster;
export type KubeUser = ClientNode.User;
export type KubeContext = ClientNode.Context;
