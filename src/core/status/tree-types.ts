// Plain row models of the cluster explorer. The VS Code TreeDataProvider only maps them to TreeItems,
// so everything shown can be tested without VS Code.
import type { ContextSnapshot, KubeError } from '../../kube/types';
import type { IconChoice } from './describe';
import type { TreeCache } from './tree-cache';

export type RowKind =
  | 'context'
  | 'context-error'
  | 'summary'
  | 'message'
  | 'namespace'
  | 'cluster'
  | 'zalando'
  | 'group'
  | 'issue'
  | 'detail'
  | 'backup'
  | 'scheduled'
  | 'instance'
  | 'plugin'
  | 'condition';

/** What a row's commands act on. */
export interface RowTarget {
  context: string;
  namespace?: string;
  name?: string;
  apiVersion?: string;
  kind?: string;
}

export interface RowModel {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  id: string;
  kind: RowKind;
  label: string;
  description?: string;
  /** Markdown; the adapter enables theme icons in it. */
  tooltip?: string;
  icon?: IconChoice;
  /** Composable tokens, e.g. `cnpg.cluster+plugin+attention`; package.json matches them by regex. */
  contextValue: string;
  /** undefined: a leaf; false: collapsed; true: expanded. */
  expanded: boolean | undefined;
  children: RowModel[];
  target?: RowTarget;
}

export interface ContextInput {
  name: string;
  /** The context the status bar shows, CodeLens uses and the language server is told about. */
  active: boolean;
  cluster?: string;
  user?: string;
  /** Undefined until the context has been watched. */
  snapshot: ContextSnapshot | undefined;
  /** The context cannot be used at all (e.g. the kubeconfig cannot be read for it). */
  error?: KubeError;
}

export interface TreeOptions {
  now: number;
  /** Show only clusters that need attention. */
  attentionOnly: boolean;
  /** Namespaces to show; empty shows all. */
  namespaces: string[];
  /** Recent Backups listed under a cluster. */
  maxBackups?: number;
  /** Reuses statuses and rows of unchanged clusters between renders. */
  cache?: TreeCache;
}
