// The contract between src/kube (talks to the API server) and its users (the explorer, commands,
// the CLI). Plain data only, so src/core's status logic can read the same objects.

/** A Kubernetes object as the API returns it (JSON). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    ownerReferences?: { kind: string; name: string }[];
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** The kinds the explorer watches, by a short key. */
export type WatchedKind = 'clusters' | 'backups' | 'scheduledBackups' | 'objectStores' | 'pods' | 'zalando';

/** Everything the explorer knows about one context at a moment. */
export interface ContextSnapshot {
  context: string;
  /** Per kind: the objects, or why they could not be read. */
  kinds: Record<WatchedKind, KindState>;
  operator: OperatorInfo | undefined;
}

export type KindState =
  | { state: 'loading' }
  | {
      state: 'ok';
      objects: KubeObject[];
      /** Some chosen namespaces could not be read (the others are in `objects`). */
      warnings?: KubeError[];
      /** The kind's API is not installed and that is normal (no Barman Cloud plugin, no Zalando operator). */
      apiMissing?: boolean;
    }
  | { state: 'error'; error: KubeError };

/** Why talking to a context failed, in words a user understands. */
export interface KubeError {
  reason: 'unreachable' | 'unauthorized' | 'forbidden' | 'crd-missing' | 'not-found' | 'conflict' | 'invalid' | 'timeout' | 'other';
  /** A sentence for the user, e.g. "You may not list clusters.postgresql.cnpg.io in namespace db (RBAC)". */
  message: string;
  /** HTTP status when there was one. */
  status?: number;
}

export interface OperatorInfo {
  /** e.g. "1.30.0", from the operator Deployment's image tag. */
  version: string | undefined;
  namespace: string | undefined;
  barmanPlugin: { present: boolean; version: string | undefined };
  /** Where it was read: the Deployments, or (without RBAC for them) the instances' annotations and pluginStatus. */
  source?: 'deployment' | 'instances';
}

export interface ContextInfo {
  name: string;
  cluster: string | undefined;
  user: string | undefined;
  namespace: string | undefined;
  current: boolean;
}

/**
 * A live view of one context: list-then-watch per kind while started, resumed by resourceVersion,
 * relisted on 410 Gone, reconnected with backoff; never polls.
 */
export interface ContextWatcher {
  readonly context: string;
  start(): void;
  stop(): void;
  snapshot(): ContextSnapshot;
  /** Called (debounced) whenever the snapshot changed. Returns a disposer. */
  onDidChange(listener: (snapshot: ContextSnapshot) => void): () => void;
  /** Forgets errors and lists again (the "retry" action on an error node). */
  retry(): void;
}

/** Mutations and reads the explorer's actions need. Each returns the server's object or throws a KubeActionError. */
export interface ClusterActions {
  /** Server-side dry run when `dryRun` is true. */
  createBackup(namespace: string, manifest: KubeObject, dryRun?: boolean): Promise<KubeObject>;
  getBackup(namespace: string, name: string): Promise<KubeObject>;
  /** Merge-patches `kubectl.kubernetes.io/restartedAt`, with the cluster's resourceVersion for optimistic concurrency. */
  restartCluster(namespace: string, name: string, resourceVersion: string | undefined, now?: Date): Promise<KubeObject>;
  /** Merge-patches `cnpg.io/reloadedAt`. */
  reloadCluster(namespace: string, name: string, resourceVersion: string | undefined, now?: Date): Promise<KubeObject>;
  /** Any object by apiVersion/kind (for "open live manifest"); secrets are refused. */
  getObject(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject>;
  /** Server-side apply with dryRun=All (for "apply with a dry run first"). */
  applyDryRun(manifest: KubeObject): Promise<KubeObject>;
}

const KUBE_ACTION_ERROR = Symbol.for('cnpg-tools.KubeActionError');

export class KubeActionError extends Error {
  readonly [KUBE_ACTION_ERROR] = true;
  constructor(readonly error: KubeError) {
    super(error.message);
  }

  /** The extension and its lazily loaded dist/kube.js each hold a copy of this class: match by brand. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KUBE_ACTION_ERROR] === true;
  }
}
