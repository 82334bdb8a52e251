// List-then-watch of one kind in one scope (a namespace or all), like client-go's reflector:
// list (paged), watch from the list's resourceVersion, resume from the last seen resourceVersion
// after a broken connection, relist on 410 Gone, reconnect with capped jittered backoff. No polling.
import { backoffDelay, type BackoffOptions, type Scheduler } from './backoff';
import { isPermanent, toKubeError } from './errors';
import { apiVersionOf, collectionPath, CNPG_NOT_INSTALLED, qualifiedResource, type KindSpec } from './kinds';
import { HttpError, type RestClient, type WatchEvent, type WatchStream } from './rest';
import type { KubeError, KubeObject } from './types';

export interface InformerOptions {
  backoff: BackoffOptions;
  scheduler: Scheduler;
  random: () => number;
  /** The server ends each watch after this many seconds (client-go picks 5 to 10 minutes). */
  watchTimeoutSeconds: () => number;
  listPageSize: number;
}

export type InformerState =
  | { state: 'loading' }
  | { state: 'ok'; apiMissing: boolean }
  | { state: 'error'; error: KubeError };

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

export class Informer {
  state: InformerState = { state: 'loading' };
  /** The cache, kept across reconnects so a resumed watch needs no relist. */
  readonly objects = new Map<string, KubeObject>();
  private resourceVersion: string | undefined;
  private run = 0;
  private running = false;
  private failures = 0;
  private timer: unknown;
  private stream: WatchStream | undefined;
  private gone = false;
  private streamError: KubeError | undefined;

  constructor(
    private readonly rest: RestClient,
    readonly spec: KindSpec,
    readonly namespace: string | undefined,
    private readonly options: InformerOptions,
    private readonly onChange: () => void,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts; with a known resourceVersion (after a stop) it resumes the watch instead of listing. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const id = ++this.run;
    if (this.resourceVersion && this.state.state === 'ok') void this.watch(id);
    else void this.list(id);
  }

  stop(): void {
    this.running = false;
    this.run++;
    if (this.timer !== undefined) this.options.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.stream?.abort();
    this.stream = undefined;
  }

  /** Forgets the error and the position, and lists again. */
  restart(): void {
    this.stop();
    this.failures = 0;
    this.resourceVersion = undefined;
    this.setState({ state: 'loading' });
    this.start();
  }

  private subject(verb: string) {
    const resource = qualifiedResource(this.spec);
    return { server: this.rest.server, verb, resource, namespace: this.namespace, missingApi: CNPG_NOT_INSTALLED(resource) };
  }

  private setState(s: InformerState): void {
    this.state = s;
    this.onChange();
  }

  private schedule(id: number, next: () => void): void {
    const delay = backoffDelay(this.failures++, this.options.backoff, this.options.random);
    this.timer = this.options.scheduler.setTimeout(
      () => {
        this.timer = undefined;
        if (id === this.run) next();
      },
      delay,
      'backoff',
    );
  }

  private async list(id: number): Promise<void> {
    const path = collectionPath(this.spec, this.namespace);
    const items: KubeObject[] = [];
    let resourceVersion: string | undefined;
    try {
      let cont: string | undefined;
      do {
        const page = await this.rest.request<ListPage>('GET', path, { labelSelector: this.spec.labelSelector, limit: this.options.listPageSize, continue: cont });
        if (id !== this.run) return;
        items.push(...(page.items ?? []));
        resourceVersion = page.metadata?.resourceVersion;
        cont = page.metadata?.continue || undefined;
      } while (cont);
    } catch (e) {
      if (id !== this.run) return;
      if (e instanceof HttpError && e.status === 410) return this.schedule(id, () => void this.list(id));
      if (e instanceof HttpError && e.status === 404 && this.spec.optional) {
        this.objects.clear();
        this.resourceVersion = undefined;
        return this.setState({ state: 'ok', apiMissing: true });
      }
      const error = toKubeError(e, this.subject('list'));
      this.setState({ state: 'error', error });
      if (!isPermanent(error)) this.schedule(id, () => void this.list(id));
      return;
    }
    this.objects.clear();
    for (const item of items) this.objects.set(keyOf(item), this.complete(item));
    this.resourceVersion = resourceVersion;
    this.failures = 0;
    this.setState({ state: 'ok', apiMissing: false });
    void this.watch(id);
  }

  private async watch(id: number): Promise<void> {
    const path = collectionPath(this.spec, this.namespace);
    const timeout = this.options.watchTimeoutSeconds();
    let stream: WatchStream;
    this.gone = false;
    this.streamError = undefined;
    try {
      stream = await this.rest.watch(
        path,
        { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: timeout, labelSelector: this.spec.labelSelector },
        (e) => this.onEvent(e),
        (timeout + 60) * 1000,
      );
    } catch (e) {
      if (id !== this.run) return;
      if (e instanceof HttpError && e.status === 410) return this.relist(id);
      const error = toKubeError(e, this.subject('watch'));
      this.setState({ state: 'error', error });
      if (!isPermanent(error)) this.schedule(id, () => void this.watch(id));
      return;
    }
    if (id !== this.run) return stream.abort();
    this.stream = stream;
    const opened = this.options.scheduler.now();
    if (this.state.state !== 'ok') this.setState({ state: 'ok', apiMissing: false });
    const ended = await stream.done;
    this.stream = undefined;
    if (id !== this.run) return;
    if (this.gone) return this.relist(id);
    if (this.streamError) {
      this.setState({ state: 'error', error: this.streamError });
      return this.schedule(id, () => void this.list(id));
    }
    // A watch that lived a while was healthy: the next attempt starts the backoff afresh.
    if (this.options.scheduler.now() - opened > this.options.backoff.maxMs) this.failures = 0;
    if (ended === undefined && this.failures === 0) {
      // The server's timeout ended it cleanly: resume at once from the last resourceVersion.
      this.failures = 1;
      return void this.watch(id);
    }
    this.schedule(id, () => void this.watch(id));
  }

  /** The resourceVersion is too old for the server's history: start over with a fresh list. */
  private relist(id: number): void {
    this.resourceVersion = undefined;
    void this.list(id);
  }

  private onEvent(e: WatchEvent): void {
    const obj = e.object as unknown as KubeObject;
    switch (e.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.objects.set(keyOf(obj), this.complete(obj));
        break;
      case 'DELETED':
        this.objects.delete(keyOf(obj));
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        const status = e.object as { code?: number; message?: string };
        if (status.code === 410) this.gone = true;
        else this.streamError = toKubeError(new HttpError(status.code ?? 500, status), this.subject('watch'));
        this.stream?.abort();
        return;
      }
      default:
        return;
    }
    this.resourceVersion = obj.metadata?.resourceVersion ?? this.resourceVersion;
    if (e.type !== 'BOOKMARK') this.onChange();
  }

  /** Built-in list items come without apiVersion and kind; put them back. */
  private complete(obj: KubeObject): KubeObject {
    if (!obj.apiVersion) obj.apiVersion = apiVersionOf(this.spec);
    if (!obj.kind) obj.kind = this.spec.kind;
    return obj;
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}
