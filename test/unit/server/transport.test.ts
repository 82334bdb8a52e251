import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver/node';
import { encodeMessage, encodeMessageBytes } from '../../../src/server/transport';

const diagnostic = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
  severity: 2,
  source: 'cnpg',
  code: 'in-tree-barman-deprecated',
  codeDescription: { href: 'https://example.test/rules/in-tree-barman-deprecated.md' },
  message,
});

describe('language server stdio encoding', () => {
  it('writes a diagnostics publication exactly as JSON.stringify does', () => {
    const diagnostics = [diagnostic(1, 'plain'), diagnostic(2, 'quotes " and \\ and $& and \u2028 and emoji 🐘'), diagnostic(3, '')];
    const cases = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/a%20b.yaml', diagnostics, version: 7 } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'untitled:Untitled-1', diagnostics: [], version: undefined } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/x.yaml', diagnostics } },
    ];
    for (const msg of cases) {
      assert.equal(encodeMessage(msg), JSON.stringify(msg));
      // A second time from the cache, still equal.
      assert.equal(encodeMessage(msg), JSON.stringify(msg));
      assert.deepEqual(JSON.parse(encodeMessage(msg)), JSON.parse(JSON.stringify(msg)));
      assert.ok(encodeMessageBytes(msg).equals(Buffer.from(JSON.stringify(msg), 'utf-8')));
    }
  });

  it('leaves every other message to JSON.stringify', () => {
    const messages = [
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hello' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/a.yaml', diagnostics: 'not a list' } },
    ];
    for (const msg of messages) assert.equal(encodeMessage(msg), JSON.stringify(msg));
  });

  it('a new diagnostic object is encoded anew', () => {
    const first = [diagnostic(1, 'before')];
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/a.yaml', diagnostics: first } };
    encodeMessage(msg);
    const next = { ...msg, params: { ...msg.params, diagnostics: [diagnostic(1, 'after')] } };
    assert.match(encodeMessage(next), /"message":"after"/);
  });
});
