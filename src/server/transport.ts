// The server's connection. Over stdio (other editors, the tests, the benchmark) messages are
// encoded by `encodeMessage` below, which writes diagnostics from a per-diagnostic JSON cache: a
// big file's publication repeats thousands of unchanged diagnostics after every edit, and
// serialising them anew was the largest part of an edit's cost. VS Code's client uses IPC, where
// Node serialises the message itself (no hook); that path is unchanged.
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import type { Diagnostic, Message, MessageReader, NotificationMessage } from 'vscode-languageserver/node';
import { format } from 'node:util';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
const encoded = new WeakMap<Diagnostic, Buffer>();

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  if (!argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(process.stdout, {
    charset: 'utf-8',
    contentTypeEncoder: { name: 'application/json', encode: (msg) => Promise.resolve(encodeMessageBytes(msg)) },
  });
  // Given stdin as a stream, the library still ends the process when it closes (its typings pair a
  // stream only with a stream; at run time each side may be either).
  const connection = createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer);
  // stdout carries the protocol: console output goes to the client's log instead, as the library
  // does when it opens stdio itself.
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  return connection;
}

/** JSON text of a message: exactly what JSON.stringify gives, with diagnostics taken from the cache. */
export function encodeMessage(msg: Message): string {
  return encodeMessageBytes(msg).toString('utf-8');
}

/**
 * The UTF-8 bytes of a message's JSON: exactly Buffer.from(JSON.stringify(msg)). A publication is
 * assembled from each diagnostic's cached bytes (copying them is far cheaper than encoding 2 MB).
 */
export function encodeMessageBytes(msg: Message): Buffer {
  const notification = msg as NotificationMessage;
  const params = notification.method === PUBLISH_DIAGNOSTICS ? (notification.params as { diagnostics?: unknown }) : undefined;
  if (!params || !Array.isArray(params.diagnostics)) return Buffer.from(JSON.stringify(msg), 'utf-8');
  const diagnostics = params.diagnostics as Diagnostic[];
  // The rest of the message as JSON.stringify writes it, with a marker where the list goes (a NUL
  // cannot occur in a URI, and JSON.stringify writes it escaped, so the marker is unique).
  const text = JSON.stringify({ ...notification, params: { ...params, diagnostics: MARKER } });
  const at = text.indexOf(QUOTED_MARKER);
  const chunks: Buffer[] = [Buffer.from(`${text.slice(0, at)}[`, 'utf-8')];
  diagnostics.forEach((d, i) => {
    let bytes = encoded.get(d);
    if (bytes === undefined) encoded.set(d, (bytes = Buffer.from(JSON.stringify(d), 'utf-8')));
    if (i > 0) chunks.push(COMMA);
    chunks.push(bytes);
  });
  chunks.push(Buffer.from(`]${text.slice(at + QUOTED_MARKER.length)}`, 'utf-8'));
  return Buffer.concat(chunks);
}

const MARKER = '\0cnpg-diagnostics\0';
const QUOTED_MARKER = JSON.stringify(MARKER);
const COMMA = Buffer.from(',');
