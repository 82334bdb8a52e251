// A minimal LSP client over stdio for the benchmark: spawns a server, answers the requests a
// server may send (configuration, registrations), and times notifications until diagnostics arrive.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

/** CPU time of a process's main thread (where JavaScript runs) in ms, from /proc; undefined elsewhere. */
export function mainThreadCpuMs(pid = 'self') {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

export class LspServer {
  /** `configuration` answers `workspace/configuration` by section. */
  constructor(name, args, { configuration = {}, cwd } = {}) {
    this.name = name;
    this.child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = [];
    this.child.stderr.on('data', (d) => this.stderr.push(String(d)));
    /** Arrival times of the last byte of each diagnostics publication, in order (see tapFraming). */
    this.received = [];
    tapFraming(this.child.stdout, (firstBytes) => {
      if (firstBytes.includes('"method":"textDocument/publishDiagnostics"')) this.received.push(performance.now());
    });
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.configurationRequests = 0;
    this.waiters = [];
    this.last = new Map();
    this.connection.onRequest('workspace/configuration', (params) => {
      this.configurationRequests++;
      return params.items.map((item) => configuration[item.section] ?? null);
    });
    this.connection.onRequest((method) => {
      // client/registerCapability, window/workDoneProgress/create and the like: accept.
      void method;
      return null;
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      const received = this.received.shift();
      this.last.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p)) return true;
        w.resolve({ at, received, params: p });
        return false;
      });
    });
    this.connection.onNotification(() => {});
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  async initialize(rootUri, initializationOptions = {}) {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with `{at, params}` at the first publication for `uri` that passes `test`. */
  nextDiagnostics(uri, test = () => true, timeoutMs = 600000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no diagnostics for ${uri} within ${timeoutMs} ms\n${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({ uri, test, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  open(uri, text, version = 1) {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri, version, contentChanges) {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri) {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async dispose() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    // Let it exit by itself (a --cpu-prof profile is written then), else stop it.
    if (this.child.exitCode === null) await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

/**
 * Watches the server's stdout beside the JSON-RPC reader and calls `onMessage` with the start of
 * each message's body when its last byte has arrived: the moment a publication is fully received,
 * before the client decodes it (decoding 2 MB of JSON is the client's work, not the server's).
 */
function tapFraming(stream, onMessage) {
  let header = Buffer.alloc(0);
  let remaining = -1;
  let first = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    let buf = chunk;
    while (buf.length > 0) {
      if (remaining < 0) {
        header = Buffer.concat([header, buf]);
        const end = header.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = /Content-Length: *(\d+)/i.exec(header.subarray(0, end).toString('ascii'));
        if (!length) throw new Error(`no Content-Length in ${header.subarray(0, end).toString('ascii')}`);
        buf = header.subarray(end + 4);
        header = Buffer.alloc(0);
        remaining = Number(length[1]);
        first = Buffer.alloc(0);
      }
      const take = Math.min(remaining, buf.length);
      if (first.length < 100) first = Buffer.concat([first, buf.subarray(0, Math.min(take, 100 - first.length))]);
      remaining -= take;
      buf = buf.subarray(take);
      if (remaining === 0) {
        onMessage(first.toString('utf8'));
        remaining = -1;
      }
    }
  });
}
