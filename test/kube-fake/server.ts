// An in-process Kubernetes API server for tests: real HTTP on 127.0.0.1, discovery, list/watch,
// writes, Status errors, RBAC denials and fault injection. Tests change objects through its methods.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { denies, type DenyRule, type FailRule, type RequestRecord } from './faults';
import { Handlers, type Admission, type Reply, type Target } from './handlers';
import { clone } from './patch';
import { apiVersionOf, RESOURCE_TYPES, type ResourceType } from './resources';
import { route as resolveRoute, type Route } from './routes';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './selectors';
import * as S from './status';
import { Store, type StoredObject } from './store';
import { WatchConnection } from './watch';

export type { DenyRule, RequestRecord } from './faults';

export interface FakeKubeServerOptions {
  /** How many change events watches can replay (older resourceVersions get 410 Gone). */
  historyLimit?: number;
  /** The user named in RBAC messages when no token map is set. */
  user?: string;
  /** Bearer token -> user name. When set, requests without a known token get 401. */
  tokens?: Record<string, string>;
  tooOldWatch?: 'event' | 'http';
  /** Sends BOOKMARK events to watches that allow them at this interval (0: only on `bookmark()`). */
  bookmarkIntervalMs?: number;
  /** API groups served at start; defaults to all (core, apps, CNPG, Barman Cloud, Zalando). */
  groups?: string[];
}

export class FakeKubeServer {
  readonly store: Store;
  readonly requests: RequestRecord[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<WatchConnection>();
  private readonly handlers: Handlers;
  private readonly groups: Set<string>;
  private readonly admissionHooks: Admission[] = [];
  private denyRules: DenyRule[] = [];
  private failRules: FailRule[] = [];
  private delay: { ms: number; match: (r: RequestRecord) => boolean } | undefined;
  private bookmarkTimer: NodeJS.Timeout | undefined;
  private port = 0;

  private constructor(private readonly options: FakeKubeServerOptions) {
    this.store = new Store(options.historyLimit ?? 1000);
    this.groups = new Set(options.groups ?? RESOURCE_TYPES.map((r) => r.group));
    this.handlers = new Handlers(this.store, this.type('v1', 'Namespace'), () => this.admissionHooks);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(options: FakeKubeServerOptions = {}): Promise<FakeKubeServer> {
    const s = new FakeKubeServer(options);
    await s.listen(0);
    if (options.bookmarkIntervalMs) s.bookmarkTimer = setInterval(() => s.bookmark(), options.bookmarkIntervalMs).unref();
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Closes every connection and stops listening: clients now get "connection refused". */
  async stop(): Promise<void> {
    for (const w of [...this.watches]) w.close(true);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port after `stop()`. */
  restart(): Promise<void> {
    return this.listen(this.port);
  }

  async close(): Promise<void> {
    if (this.bookmarkTimer) clearInterval(this.bookmarkTimer);
    if (this.server.listening) await this.stop();
  }

  // ---- objects -------------------------------------------------------------------------------

  type(apiVersion: string, kind: string): ResourceType {
    const rt = RESOURCE_TYPES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
    if (!rt) throw new Error(`fake API server does not serve ${apiVersion} ${kind}`);
    return rt;
  }

  /** Creates or replaces an object (status included), creating its namespace when missing. */
  put<T extends StoredObject>(obj: T): T {
    const rt = this.type(obj.apiVersion!, obj.kind!);
    const ns = rt.namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
    if (ns && !this.store.get(this.type('v1', 'Namespace'), undefined, ns)) this.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const value = clone(obj);
    value.metadata.namespace = ns;
    const current = this.store.get(rt, ns, obj.metadata.name);
    if (!current) return this.store.create(rt, value) as T;
    value.metadata.resourceVersion = undefined;
    return this.store.update(rt, { ...value, metadata: { ...value.metadata, uid: current.metadata.uid } }) as T;
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.store.get(this.type(apiVersion, kind), namespace, name);
  }

  list(apiVersion: string, kind: string, namespace?: string): StoredObject[] {
    return this.store.list(this.type(apiVersion, kind), namespace);
  }

  /** Changes an object in place through `change` (one MODIFIED event). */
  modify(apiVersion: string, kind: string, namespace: string | undefined, name: string, change: (o: StoredObject) => void): StoredObject {
    const rt = this.type(apiVersion, kind);
    const current = this.store.get(rt, namespace, name);
    if (!current) throw new Error(`no ${kind} ${namespace}/${name}`);
    change(current);
    return this.store.update(rt, current);
  }

  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean {
    return this.store.delete(this.type(apiVersion, kind), namespace, name) !== undefined;
  }

  /** Forgets the event history: watches from any older resourceVersion get 410 Gone. */
  compact(): void {
    this.store.compact();
  }

  // ---- API groups (CRDs) ---------------------------------------------------------------------

  /** Like deleting a CRD: the group leaves discovery, its objects go, its watches close. */
  uninstallGroup(group: string): void {
    this.groups.delete(group);
    for (const rt of RESOURCE_TYPES.filter((r) => r.group === group)) this.store.dropType(rt);
    for (const w of [...this.watches]) if (w.request.rt.group === group) w.close(false);
  }

  installGroup(group: string): void {
    this.groups.add(group);
  }

  // ---- faults --------------------------------------------------------------------------------

  /** Adds an RBAC denial; returns a function that lifts it. */
  deny(rule: DenyRule): () => void {
    this.denyRules.push(rule);
    return () => (this.denyRules = this.denyRules.filter((r) => r !== rule));
  }

  /** Answers matching requests with `status` (e.g. 500, 429) `times` times. */
  failWith(status: S.Status, match: (r: RequestRecord) => boolean = () => true, times = Infinity): void {
    this.failRules.push({ match, status, times });
  }

  setDelay(ms: number, match: (r: RequestRecord) => boolean = () => true): void {
    this.delay = ms > 0 ? { ms, match } : undefined;
  }

  admit(hook: Admission): void {
    this.admissionHooks.push(hook);
  }

  clearFaults(): void {
    this.denyRules = [];
    this.failRules = [];
    this.delay = undefined;
    this.admissionHooks.length = 0;
  }

  /** Ends open watches: abruptly (connection reset) or cleanly (like a server-side timeout). */
  dropWatches(match: (w: WatchConnection) => boolean = () => true, abrupt = true): number {
    let n = 0;
    for (const w of [...this.watches]) {
      if (match(w)) {
        w.close(abrupt);
        n++;
      }
    }
    return n;
  }

  openWatches(): WatchConnection[] {
    return [...this.watches];
  }

  bookmark(): void {
    for (const w of this.watches) w.bookmark();
  }

  /** A kubeconfig (YAML) pointing at this server. */
  kubeconfig(opts: { context?: string; token?: string; namespace?: string } = {}): string {
    const context = opts.context ?? 'fake';
    const user = opts.token ? `\n    token: ${opts.token}` : ' {}';
    const ns = opts.namespace ? `\n    namespace: ${opts.namespace}` : '';
    return `apiVersion: v1
kind: Config
clusters:
- name: ${context}
  cluster:
    server: ${this.url}
    insecure-skip-tls-verify: true
users:
- name: ${context}-user
  user:${user}
contexts:
- name: ${context}
  context:
    cluster: ${context}
    user: ${context}-user${ns}
current-context: ${context}
`;
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      verb: undefined,
      group: undefined,
      resource: undefined,
      namespace: undefined,
      name: undefined,
      user: this.options.user ?? 'system:anonymous',
      bytes: 0,
    };
    this.requests.push(record);
    const send = (code: number, body: unknown) => {
      record.status = code;
      if (res.headersSent) return void res.end();
      const text = JSON.stringify(body);
      record.bytes += Buffer.byteLength(text);
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(text);
    };
    const sendStatus = (s: S.Status) => send(s.code, s);
    const body = await readBody(req);
    try {
      const route = resolveRoute(url.pathname, this.groups);
      if (route && typeof route === 'object' && 'rt' in route) this.describe(record, req.method ?? 'GET', url, route);
      if (this.delay?.match(record)) await new Promise((r) => setTimeout(r, this.delay!.ms));
      if (this.options.tokens) {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const user = token === undefined ? undefined : this.options.tokens[token];
        if (user === undefined) return sendStatus(S.unauthorized());
        record.user = user;
      }
      if (route === undefined) return sendStatus(S.pathNotFound());
      if (!('rt' in route)) return send(200, route.discovery);
      const denied = this.denied(record, route);
      if (denied) return sendStatus(denied);
      const failure = this.failRules.find((f) => f.times > 0 && f.match(record));
      if (failure) {
        failure.times--;
        return sendStatus(failure.status);
      }
      if (record.verb === 'watch') return this.watch(route, url, res, record, sendStatus);
      const reply = this.dispatch(record, route, url, req.headers['content-type'] ?? '', body);
      send(reply.code, reply.body);
    } catch (e) {
      if (e instanceof SelectorError) return sendStatus(S.badRequest(e.message));
      sendStatus(S.status(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`));
    }
  }

  private describe(record: RequestRecord, method: string, url: URL, route: Route): void {
    const watch = ['1', 'true'].includes(url.searchParams.get('watch') ?? '');
    const verbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: route.name ? 'delete' : 'deletecollection' };
    record.verb = method === 'GET' ? (route.name ? 'get' : watch ? 'watch' : 'list') : verbs[method];
    record.group = route.rt.group;
    record.resource = route.subresource ? `${route.rt.plural}/${route.subresource}` : route.rt.plural;
    record.namespace = route.namespace;
    record.name = route.name;
  }

  private denied(record: RequestRecord, route: Route): S.Status | undefined {
    if (!this.denyRules.some((r) => denies(r, record))) return undefined;
    return S.forbidden(record.user, record.verb!, route.rt, route.namespace, route.name, route.subresource);
  }

  private dispatch(record: RequestRecord, route: Route, url: URL, contentType: string, body: string): Reply {
    const t: Target = { ...route, query: url.searchParams };
    if (route.subresource && route.subresource !== 'status') return { code: 404, body: S.pathNotFound() };
    const json = () => (body ? JSON.parse(body) : undefined);
    switch (record.verb) {
      case 'list':
        return this.handlers.list(t, parseLabelSelector(url.searchParams.get('labelSelector')), parseFieldSelector(url.searchParams.get('fieldSelector')));
      case 'get':
        return this.handlers.get(t);
      case 'create':
        return route.subresource ? { code: 405, body: S.methodNotSupported(route.rt, 'create') } : this.handlers.create(t, json());
      case 'update':
        return this.handlers.update(t, json());
      case 'patch':
        return this.handlers.patch(t, contentType, body);
      case 'delete':
        return this.handlers.delete(t);
      default:
        return { code: 405, body: S.methodNotSupported(route.rt, record.verb ?? record.method) };
    }
  }

  private watch(route: Route, url: URL, res: ServerResponse, record: RequestRecord, sendStatus: (s: S.Status) => void): void {
    const q = url.searchParams;
    const timeout = q.get('timeoutSeconds');
    const w = new WatchConnection(
      {
        rt: route.rt,
        namespace: route.namespace,
        labels: parseLabelSelector(q.get('labelSelector')),
        fields: parseFieldSelector(q.get('fieldSelector')),
        resourceVersion: q.get('resourceVersion') ?? undefined,
        bookmarks: ['1', 'true'].includes(q.get('allowWatchBookmarks') ?? ''),
        timeoutSeconds: timeout ? Number(timeout) : undefined,
        tooOld: this.options.tooOldWatch ?? 'event',
      },
      res,
      this.store,
      (conn) => this.watches.delete(conn),
      (n) => (record.bytes += n),
    );
    this.watches.add(w);
    record.status = 200;
    if (!w.open(sendStatus)) this.watches.delete(w);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
