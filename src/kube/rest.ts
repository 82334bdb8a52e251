// A thin REST client over client-node's request signing (`applyToHTTPSOptions`: TLS material,
// tokens, exec and OIDC credentials, proxies). It keeps the server's `Status` body on every error,
// including a watch refused at its start, which client-node's Watch discards.
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from './client';

/** A Kubernetes `Status` (what the API server sends with an error). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string };
}

/** The server answered with a non-2xx status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: KubeStatus | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** No answer: refused, reset, unknown host, TLS failure, timeout, or no usable credentials. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, unknown>;
}

export interface WatchStream {
  /** Resolves when the stream ends: undefined when the server closed it, else the error. */
  done: Promise<Error | undefined>;
  abort(): void;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestInfo {
  method: string;
  path: string;
  watch: boolean;
}

export interface RestClientOptions {
  /** Called before each request (counting, tests). */
  onRequest?: (info: RequestInfo) => void;
  /** Plain requests fail after this long without an answer. */
  requestTimeoutMs?: number;
}

export class RestClient {
  readonly server: string;

  constructor(
    private readonly config: KubeConfig,
    private readonly options: RestClientOptions = {},
  ) {
    this.server = (config.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  }

  /** Sends a request and parses the JSON answer; throws HttpError or NetworkError. */
  async request<T = unknown>(method: string, path: string, query: Query = {}, body?: unknown, contentType = 'application/json'): Promise<T> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const res = await this.open(method, path, query, payload, contentType, this.options.requestTimeoutMs ?? 30_000, false);
    const text = await readAll(res);
    const parsed = parseJson(text);
    if ((res.statusCode ?? 0) >= 300) throw new HttpError(res.statusCode ?? 0, parsed as KubeStatus | undefined);
    return parsed as T;
  }

  /**
   * Opens a watch. Resolves once the server accepted it (HTTP 200); each event then reaches
   * `onEvent`. `idleTimeoutMs` cuts a stream that stays silent longer (a dead network path).
   */
  async watch(path: string, query: Query, onEvent: (e: WatchEvent) => void, idleTimeoutMs: number): Promise<WatchStream> {
    const res = await this.open('GET', path, { ...query, watch: 1 }, undefined, undefined, idleTimeoutMs, true);
    if (res.statusCode !== 200) {
      const text = await readAll(res);
      throw new HttpError(res.statusCode ?? 0, parseJson(text) as KubeStatus | undefined);
    }
    res.socket?.setKeepAlive(true, 30_000);
    let finish: (e: Error | undefined) => void = () => undefined;
    const done = new Promise<Error | undefined>((resolve) => (finish = resolve));
    let settled = false;
    const end = (e: Error | undefined) => {
      if (settled) return;
      settled = true;
      finish(e);
    };
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i).trim();
        buffer = buffer.slice(i + 1);
        if (!line) continue;
        const event = parseJson(line) as WatchEvent | undefined;
        if (!event || typeof event.type !== 'string') {
          res.destroy(new NetworkError('The API server sent a watch event that is not JSON', 'EBADEVENT'));
          return;
        }
        onEvent(event);
        if (settled) return;
      }
    });
    res.on('end', () => end(undefined));
    res.on('aborted', () => end(new NetworkError('connection reset', 'ECONNRESET')));
    res.on('error', (e) => end(toNetworkError(e)));
    res.on('close', () => end(res.complete ? undefined : new NetworkError('connection reset', 'ECONNRESET')));
    return {
      done,
      abort: () => {
        end(undefined);
        res.destroy();
      },
    };
  }

  private async open(method: string, path: string, query: Query, body: string | undefined, contentType: string | undefined, timeoutMs: number, watch: boolean): Promise<http.IncomingMessage> {
    if (!this.server) throw new NetworkError('The context names no cluster server', 'ENOSERVER');
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'cnpg-tools' };
    if (body !== undefined && contentType) headers['Content-Type'] = contentType;
    const opts: https.RequestOptions = { method, headers };
    try {
      await this.config.applyToHTTPSOptions(opts);
    } catch (e) {
      throw credentialError(e);
    }
    this.options.onRequest?.({ method, path, watch });
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, opts, resolve);
      req.setTimeout(timeoutMs, () => req.destroy(new NetworkError(`no answer within ${Math.round(timeoutMs / 1000)} s`, 'ETIMEDOUT')));
      req.on('error', (e) => reject(toNetworkError(e)));
      req.end(body);
    });
  }
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', (e) => reject(toNetworkError(e)));
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toNetworkError(e: unknown): NetworkError {
  if (e instanceof NetworkError) return e;
  const err = e as NodeJS.ErrnoException;
  return new NetworkError(err.message ?? String(e), err.code ?? 'EUNKNOWN');
}

/**
 * Preparing credentials failed (exec plugin, OIDC refresh, unreadable certificate file, plain HTTP
 * refused). Only the first line is kept, and long token-like strings are masked.
 */
function credentialError(e: unknown): NetworkError {
  const first = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
  const masked = first.replace(/[A-Za-z0-9+/_=.-]{24,}/g, '…');
  return new NetworkError(masked, 'ECREDENTIALS');
}
