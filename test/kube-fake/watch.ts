// Watch connections: chunked newline-delimited JSON events, replayed from the store's history and
// then live, with selector transitions, bookmarks, server timeouts and 410 Gone for old versions.
import type { ServerResponse } from 'node:http';
import { apiVersionOf, type ResourceType } from './resources';
import type { Matcher } from './selectors';
import { expired, type Status } from './status';
import type { Store, StoreEvent, StoredObject } from './store';

export interface WatchRequest {
  rt: ResourceType;
  namespace: string | undefined;
  labels: Matcher;
  fields: Matcher;
  /** Undefined or "0": start with synthetic ADDED events for the current objects. */
  resourceVersion: string | undefined;
  bookmarks: boolean;
  timeoutSeconds: number | undefined;
  /** How to answer a too-old resourceVersion: an ERROR event after 200 (watch cache) or HTTP 410. */
  tooOld: 'event' | 'http';
}

export class WatchConnection {
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  lastSentRv = 0;

  constructor(
    readonly request: WatchRequest,
    private readonly res: ServerResponse,
    private readonly store: Store,
    private readonly onClose: (w: WatchConnection) => void,
    private readonly onBytes: (n: number) => void = () => undefined,
  ) {}

  /** Sends the backlog and subscribes; returns false when it answered 410 over HTTP instead. */
  open(sendStatus: (s: Status) => void): boolean {
    const { request, store } = this;
    let backlog: StoreEvent[] | undefined = [];
    let initial: StoredObject[] = [];
    const rv = request.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') {
      initial = store.list(request.rt, request.namespace).filter((o) => this.matches(o));
    } else {
      const n = Number(rv);
      if (!Number.isInteger(n) || n < 0) {
        sendStatus({ ...expired(''), code: 400, reason: 'BadRequest', message: `invalid resource version: ${rv}` });
        return false;
      }
      backlog = store.eventsSince(n);
      if (backlog === undefined) {
        const gone = expired(`too old resource version: ${n} (${store.oldestWatchable + 1})`);
        if (request.tooOld === 'http') {
          sendStatus(gone);
          return false;
        }
        this.start();
        this.write({ type: 'ERROR', object: gone });
        this.close(false);
        return true;
      }
    }
    this.start();
    for (const o of initial) this.write({ type: 'ADDED', object: o });
    for (const e of backlog) this.deliver(e);
    this.unsubscribe = store.subscribe((e) => this.deliver(e));
    if (request.timeoutSeconds !== undefined) this.timer = setTimeout(() => this.close(false), request.timeoutSeconds * 1000);
    return true;
  }

  private start(): void {
    this.res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    this.res.flushHeaders();
    this.res.on('close', () => this.close(false));
  }

  private matches(o: StoredObject): boolean {
    return this.request.labels(o) && this.request.fields(o);
  }

  private inScope(e: StoreEvent): boolean {
    return e.rt === this.request.rt && (this.request.namespace === undefined || e.object.metadata.namespace === this.request.namespace);
  }

  /** A change seen through a selector: leaving it is a DELETED, entering it an ADDED. */
  private deliver(e: StoreEvent): void {
    if (this.closed || !this.inScope(e)) return;
    const now = this.matches(e.object);
    const before = e.previous !== undefined && this.matches(e.previous);
    let type: string | undefined;
    if (e.type === 'ADDED') type = now ? 'ADDED' : undefined;
    else if (e.type === 'DELETED') type = before ? 'DELETED' : undefined;
    else if (now && before) type = 'MODIFIED';
    else if (now) type = 'ADDED';
    else if (before) type = 'DELETED';
    if (type) this.write({ type, object: e.object });
    this.lastSentRv = e.rv;
  }

  bookmark(): void {
    if (this.closed || !this.request.bookmarks) return;
    const rt = this.request.rt;
    this.write({ type: 'BOOKMARK', object: { kind: rt.kind, apiVersion: apiVersionOf(rt), metadata: { resourceVersion: String(this.store.resourceVersion) } } });
  }

  private write(event: { type: string; object: unknown }): void {
    if (this.closed) return;
    const line = JSON.stringify({ type: event.type, object: event.object }) + '\n';
    this.onBytes(Buffer.byteLength(line));
    this.res.write(line);
  }

  /** Ends the stream: cleanly (like the server's timeout) or by cutting the connection. */
  close(abrupt: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    if (abrupt) this.res.socket?.destroy();
    else this.res.end();
    this.onClose(this);
  }
}
