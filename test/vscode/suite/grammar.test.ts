// The SQL injection grammar, checked two ways in the running VS Code:
// - tokens: its own vscode-textmate, YAML and SQL grammars tokenize a sample with our injection;
// - behaviour: VS Code treats the embedded block as SQL (block comments are SQL's /* */, and YAML
//   has none), which proves the `embeddedLanguages` mapping in package.json works end to end.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, fixture, sleep, waitFor } from '../helpers';

// The few vscode-textmate shapes used here (the module is VS Code's own copy, not a dependency).
interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: Token[]; ruleStack: unknown };
}
interface TextMate {
  INITIAL: unknown;
  Registry: new (options: object) => { loadGrammar(scope: string): Promise<Grammar> };
  parseRawGrammar(content: string, path: string): unknown;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

const SAMPLE = [
  'apiVersion: postgresql.cnpg.io/v1',
  'kind: Cluster',
  'spec:',
  '  bootstrap:',
  '    initdb:',
  '      postInitSQL:',
  '        - CREATE EXTENSION IF NOT EXISTS pg_stat_statements',
  '        - "ALTER ROLE app SET work_mem = \'64MB\'"',
  '      postInitApplicationSQL:',
  '      - |',
  '        CREATE TABLE orders (id bigserial PRIMARY KEY);',
  '',
  '        GRANT SELECT ON orders TO app;',
  '      database: app',
  '  description: SELECT is not SQL here',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'data:',
  '  custom-queries: |',
  '    pg_replication:',
  '      query: |',
  '        SELECT pg_is_in_recovery() AS in_recovery',
  '      metrics:',
  '        - in_recovery:',
  '            usage: GAUGE',
];

/** A module of VS Code's own (desktop builds keep them in node_modules.asar). */
function vscodeModuleDir(module: string): string {
  for (const dir of ['node_modules', 'node_modules.asar']) {
    const p = join(vscode.env.appRoot, dir, module);
    if (existsSync(p)) return p;
  }
  throw new Error(`${module} not found under ${vscode.env.appRoot}`);
}

function requireFromVsCode<T>(module: string): T {
  return createRequire(__filename)(vscodeModuleDir(module)) as T;
}

function grammarPath(extensionId: string, scopeName: string): string {
  const ext = vscode.extensions.getExtension(extensionId);
  if (!ext) throw new Error(`built-in extension ${extensionId} is missing`);
  const g = (ext.packageJSON.contributes.grammars as { scopeName: string; path: string }[]).find((x) => x.scopeName === scopeName);
  if (!g) throw new Error(`${extensionId} has no grammar ${scopeName}`);
  return join(ext.extensionPath, g.path);
}

async function loadYamlGrammar(injectionPath: string): Promise<Grammar> {
  const tm = requireFromVsCode<TextMate>('vscode-textmate');
  const onig = requireFromVsCode<Oniguruma>('vscode-oniguruma');
  const wasm = readFileSync(join(vscodeModuleDir('vscode-oniguruma'), 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch((err: Error) => {
    if (!/already/i.test(err.message)) throw err;
  });
  const yamlExt = vscode.extensions.getExtension('vscode.yaml')!;
  const paths = new Map<string, string>();
  for (const g of yamlExt.packageJSON.contributes.grammars as { scopeName: string; path: string }[]) paths.set(g.scopeName, join(yamlExt.extensionPath, g.path));
  paths.set('source.sql', grammarPath('vscode.sql', 'source.sql'));
  paths.set('cnpg.yaml.sql.injection', injectionPath);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => {
      const p = paths.get(scope);
      return p ? tm.parseRawGrammar(readFileSync(p, 'utf8'), p) : null;
    },
    getInjections: (scope: string) => (scope === 'source.yaml' ? ['cnpg.yaml.sql.injection'] : undefined),
  });
  return registry.loadGrammar('source.yaml');
}

suite('Embedded SQL grammar', () => {
  let lines: Token[][];

  suiteSetup(async () => {
    const ext = await activateExtension();
    const contributed = (ext.packageJSON.contributes.grammars as { scopeName: string; path: string }[]).find((g) => g.scopeName === 'cnpg.yaml.sql.injection')!;
    const grammar = await loadYamlGrammar(join(ext.extensionPath, contributed.path));
    let state = requireFromVsCode<TextMate>('vscode-textmate').INITIAL;
    lines = SAMPLE.map((line) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens;
    });
  });

  /** The text of line `i` inside scope `scope`, joined. */
  const inScope = (i: number, scope: string) =>
    lines[i].filter((t) => t.scopes.some((s) => s.startsWith(scope))).map((t) => SAMPLE[i].slice(t.startIndex, t.endIndex)).join('').trim();
  const scopesOf = (i: number, word: string) => {
    const at = SAMPLE[i].indexOf(word);
    return lines[i].find((t) => t.startIndex <= at && at < t.endIndex)!.scopes;
  };

  test('plain and quoted list items under postInitSQL are SQL', () => {
    assert.equal(inScope(6, 'meta.embedded.line.sql'), 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    assert.ok(scopesOf(6, 'CREATE').some((s) => s.startsWith('keyword.other')), scopesOf(6, 'CREATE').join(' '));
    assert.equal(inScope(7, 'meta.embedded.line.sql'), "ALTER ROLE app SET work_mem = '64MB'");
  });

  test('a "- |" item is an embedded SQL block, blank lines included', () => {
    for (const i of [10, 11, 12]) assert.ok(lines[i].some((t) => t.scopes.includes('meta.embedded.block.sql')), `line ${i + 1}`);
    assert.ok(scopesOf(12, 'GRANT').some((s) => s.endsWith('.sql') && s.startsWith('keyword')), scopesOf(12, 'GRANT').join(' '));
  });

  test('YAML resumes after the list: keys and plain strings are not SQL', () => {
    assert.ok(scopesOf(13, 'database').includes('entity.name.tag.yaml'), scopesOf(13, 'database').join(' '));
    assert.equal(inScope(14, 'meta.embedded'), '');
    assert.ok(scopesOf(14, 'description').includes('entity.name.tag.yaml'));
  });

  test('a monitoring "query: |" inside a ConfigMap block scalar is SQL, its siblings are not', () => {
    assert.equal(inScope(22, 'meta.embedded.block.sql'), 'SELECT pg_is_in_recovery() AS in_recovery');
    assert.equal(inScope(23, 'meta.embedded'), '');
    assert.equal(inScope(25, 'meta.embedded'), '');
  });

  test('VS Code treats the embedded block as SQL (block comment is /* */)', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('plugin-cluster.yaml'));
    const editor = await vscode.window.showTextDocument(doc);
    const sqlLine = doc.getText().split('\n').findIndex((l) => l.includes('CREATE TABLE IF NOT EXISTS orders'));
    const yamlLine = doc.getText().split('\n').findIndex((l) => l.includes('database: orders'));
    assert.ok(sqlLine > 0 && yamlLine > 0);
    const select = (line: number, word: string) => {
      const at = doc.lineAt(line).text.lastIndexOf(word);
      editor.selection = new vscode.Selection(line, at, line, at + word.length);
    };
    // Tokenization runs in the background: retry until the SQL language is known there.
    await waitFor('a SQL block comment in the embedded block', async () => {
      select(sqlLine, 'orders');
      await vscode.commands.executeCommand('editor.action.blockComment');
      if (doc.lineAt(sqlLine).text.includes('/* orders */')) return true;
      await sleep(200);
      return false;
    });
    // Plain YAML has no block comment: the same command changes nothing there.
    select(yamlLine, 'orders');
    const before = doc.lineAt(yamlLine).text;
    await vscode.commands.executeCommand('editor.action.blockComment');
    assert.equal(doc.lineAt(yamlLine).text, before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
