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
      this.last.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p)) return true;
        w.resolve({ at, params: p });
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
