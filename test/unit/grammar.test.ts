// Structure and regexes of the SQL injection grammar. The full tokenization with VS Code's own
// YAML and SQL grammars runs in the real VS Code (test/vscode/suite/grammar.test.ts); here the
// patterns are checked with JavaScript regexes, which share the syntax these patterns use once
// `\G` (the position where the YAML grammar stopped consuming indentation) is read as `^`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contribution = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'cnpg.yaml.sql.injection');
const grammar = JSON.parse(readFileSync(join(ROOT, contribution.path), 'utf8'));
type Rule = { begin?: string; while?: string; match?: string; include?: string; patterns?: Rule[] };
const repo: Record<string, Rule> = grammar.repository;

const rx = (pattern: string) => new RegExp(pattern.replace(/\(\?:\^\|\\G\)/g, '^').replace(/\\G/g, '^'));

describe('syntaxes/cnpg-sql.injection.json', () => {
  it('is the injection package.json declares, into YAML, mapping the embedded block to SQL', () => {
    assert.equal(grammar.scopeName, contribution.scopeName);
    assert.deepEqual(contribution.injectTo, ['source.yaml']);
    assert.equal(contribution.embeddedLanguages['meta.embedded.block.sql'], 'sql');
    assert.match(grammar.injectionSelector, /^L:source\.yaml\b/);
  });

  it('includes only its own rules and source.sql', () => {
    const includes: string[] = [];
    const walk = (r: Rule) => {
      if (r.include) includes.push(r.include);
      r.patterns?.forEach(walk);
    };
    grammar.patterns.forEach(walk);
    Object.values(repo).forEach(walk);
    for (const inc of includes) {
      if (inc.startsWith('#')) assert.ok(repo[inc.slice(1)], `${inc} is not in the repository`);
      else assert.equal(inc, 'source.sql');
    }
  });

  it('starts a SQL list only on the four bootstrap keys with nothing after the colon', () => {
    const begin = rx(repo['sql-list'].begin!);
    for (const key of ['postInitSQL', 'postInitApplicationSQL', 'postInitTemplateSQL', 'postImportApplicationSQL']) {
      assert.ok(begin.test(`${key}:`), key);
      assert.ok(begin.test(`${key}:   # setup`), `${key} with a comment`);
    }
    for (const line of ['postInitSQLRefs:', 'postInitSQL: []', 'xpostInitSQL:', 'database: postInitSQL:']) assert.ok(!begin.test(line), line);
  });

  it('continues the list on deeper lines, items at the key level, comments and blank lines', () => {
    const cont = (indent: string, rest: string) => new RegExp(repo['sql-list'].while!.replace('\\G', '^').replace('\\1', indent)).test(rest);
    assert.ok(cont('', '  - SELECT 1'));
    assert.ok(cont('', '- SELECT 1'));
    assert.ok(cont('', '-'));
    assert.ok(cont('', '# note'));
    assert.ok(cont('', ''));
    assert.ok(!cont('', 'database: app'));
    assert.ok(!cont('', '-notanitem'));
  });

  it('recognises block items, quoted items and plain items', () => {
    const block = rx(repo['block-item'].begin!);
    for (const l of ['- |', '- >-', '- |+', '- |2', '- |2-', '  - |  # comment']) assert.ok(block.test(l), l);
    assert.ok(!block.test('- |x'));
    const quoted = rx(repo['quoted-item'].match!);
    assert.equal(quoted.exec(`- "ALTER ROLE app SET x = 'y'"`)![3], "ALTER ROLE app SET x = 'y'");
    assert.equal(quoted.exec(`- 'SELECT ''a'''`)![6], "SELECT ''a''");
    const plain = rx(repo['plain-item'].match!);
    const m = plain.exec('- CREATE EXTENSION pg_trgm  # trigram search')!;
    assert.equal(m[2], 'CREATE EXTENSION pg_trgm');
    assert.equal(m[3], '# trigram search');
    assert.equal(plain.exec('- SELECT 1#2')![2], 'SELECT 1#2');
    assert.ok(!plain.test('- |'));
    assert.ok(!plain.test('- "quoted"'));
  });

  it('embeds monitoring query blocks, not single-line or other keys', () => {
    const begin = rx(repo['monitoring-query'].begin!);
    assert.ok(begin.test('query: |'));
    assert.ok(begin.test('  query: >-'));
    assert.ok(!begin.test('query: SELECT 1'));
    assert.ok(!begin.test('queryTimeout: |'));
  });
});
