// Raw HTTP helpers for testing the fake API server without any Kubernetes client in between.
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(base: string, method: string, path: string, body?: unknown, contentType = 'application/json', headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': contentType, Accept: 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export interface OpenWatch {
  status: number;
  events: { type: string; object: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves when the server ends the stream; `error` is set when the connection was cut. */
  ended: Promise<{ error?: string }>;
  /** Resolves once `n` events have arrived. */
  next(n: number): Promise<void>;
  close(): void;
}

/** Opens a watch and collects its newline-delimited events. */
export function watch(base: string, path: string): Promise<OpenWatch> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { headers: { Accept: 'application/json' } }, (res) => {
      const events: OpenWatch['events'] = [];
      const waiters: { n: number; resolve: () => void }[] = [];
      let buffer = '';
      const flush = () => {
        for (const w of [...waiters]) {
          if (events.length < w.n) continue;
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      };
      const ended = new Promise<{ error?: string }>((done) => {
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          let i: number;
          while ((i = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, i);
            buffer = buffer.slice(i + 1);
            if (line.trim()) events.push(JSON.parse(line));
          }
          flush();
        });
        res.on('end', () => done({}));
        res.on('error', (e) => done({ error: e.message }));
        res.on('aborted', () => done({ error: 'aborted' }));
      });
      resolve({
        status: res.statusCode ?? 0,
        events,
        ended,
        next: (n) => new Promise<void>((r) => (waiters.push({ n, resolve: r }), flush())),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
