// The fake server's storage: objects per resource type, one global resourceVersion counter (like
// etcd's revision) and a bounded history of change events that watches replay from.
import { randomUUID } from 'node:crypto';
import { clone } from './patch';
import { apiVersionOf, type ResourceType } from './resources';

export interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: EventType;
  rt: ResourceType;
  /** The object after the change; for DELETED, its last state stamped with the deletion's resourceVersion. */
  object: StoredObject;
  /** The object before the change (MODIFIED and DELETED), so watches with selectors can tell transitions. */
  previous?: StoredObject;
}

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

export class Store {
  private revision: number;
  private readonly objects = new Map<ResourceType, Map<string, StoredObject>>();
  private readonly history: StoreEvent[] = [];
  /** Watches may start from any resourceVersion >= this one; older ones get 410 Gone. */
  private compacted: number;
  private readonly listeners = new Set<(e: StoreEvent) => void>();

  constructor(
    private readonly historyLimit = 1000,
    startRevision = 1000,
  ) {
    this.revision = startRevision;
    this.compacted = startRevision;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  get oldestWatchable(): number {
    return this.compacted;
  }

  /** Forgets all history, like an etcd compaction: every older resourceVersion becomes too old. */
  compact(): void {
    this.history.length = 0;
    this.compacted = this.revision;
  }

  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private table(rt: ResourceType): Map<string, StoredObject> {
    let t = this.objects.get(rt);
    if (!t) this.objects.set(rt, (t = new Map()));
    return t;
  }

  get(rt: ResourceType, namespace: string | undefined, name: string): StoredObject | undefined {
    const o = this.table(rt).get(keyOf(namespace, name));
    return o && clone(o);
  }

  /** Objects of a type, in one namespace or all, sorted like etcd keys (namespace, then name). */
  list(rt: ResourceType, namespace?: string): StoredObject[] {
    const out: StoredObject[] = [];
    for (const o of this.table(rt).values()) if (namespace === undefined || o.metadata.namespace === namespace) out.push(clone(o));
    return out.sort((a, b) => keyOf(a.metadata.namespace, a.metadata.name).localeCompare(keyOf(b.metadata.namespace, b.metadata.name)));
  }

  /** Events after `rv` (exclusive), or undefined when they are no longer all kept. */
  eventsSince(rv: number): StoreEvent[] | undefined {
    if (rv < this.compacted) return undefined;
    return this.history.filter((e) => e.rv > rv);
  }

  /** Stamps server-owned metadata and stores a new object. The caller checked it does not exist. */
  create(rt: ResourceType, obj: StoredObject, now = new Date()): StoredObject {
    const stored = clone(obj);
    stored.apiVersion = apiVersionOf(rt);
    stored.kind = rt.kind;
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (!rt.builtIn || rt.kind === 'Deployment') stored.metadata.generation ??= 1;
    stored.metadata.resourceVersion = String(++this.revision);
    this.table(rt).set(keyOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.emit({ rv: this.revision, type: 'ADDED', rt, object: clone(stored) });
    return clone(stored);
  }

  /** Replaces a stored object; bumps generation when anything but metadata and status changed. */
  update(rt: ResourceType, obj: StoredObject): StoredObject {
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    const previous = this.table(rt).get(key);
    if (!previous) throw new Error(`update of missing object ${key}`);
    const stored = clone(obj);
    stored.apiVersion = apiVersionOf(rt);
    stored.kind = rt.kind;
    stored.metadata.uid = previous.metadata.uid;
    stored.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    if (previous.metadata.generation !== undefined) {
      stored.metadata.generation = specChanged(previous, stored) ? previous.metadata.generation + 1 : previous.metadata.generation;
    }
    stored.metadata.resourceVersion = String(++this.revision);
    this.table(rt).set(key, stored);
    this.emit({ rv: this.revision, type: 'MODIFIED', rt, object: clone(stored), previous: clone(previous) });
    return clone(stored);
  }

  delete(rt: ResourceType, namespace: string | undefined, name: string): StoredObject | undefined {
    const key = keyOf(namespace, name);
    const previous = this.table(rt).get(key);
    if (!previous) return undefined;
    this.table(rt).delete(key);
    const last = clone(previous);
    last.metadata.resourceVersion = String(++this.revision);
    this.emit({ rv: this.revision, type: 'DELETED', rt, object: clone(last), previous: clone(previous) });
    return last;
  }

  /** Drops every object of a type without events (a CRD deletion closes its watches instead). */
  dropType(rt: ResourceType): void {
    this.objects.delete(rt);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    while (this.history.length > this.historyLimit) this.compacted = this.history.shift()!.rv;
    for (const l of [...this.listeners]) l(event);
  }
}

function specChanged(a: StoredObject, b: StoredObject): boolean {
  const strip = (o: StoredObject) => {
    const rest: Record<string, unknown> = { ...o };
    delete rest.metadata;
    delete rest.status;
    delete rest.apiVersion;
    delete rest.kind;
    return JSON.stringify(rest);
  };
  return strip(a) !== strip(b);
}
