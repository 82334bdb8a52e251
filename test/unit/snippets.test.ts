// Every snippet, expanded with its defaults, must be a manifest our own linter finds nothing wrong
// with: snippets are where users copy their configuration from. Snippets that refer to other
// objects (a Cluster's ObjectStore, a Backup's Cluster) are checked together with the snippets
// that provide those objects, as a user would insert them.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintSources } from '../../src/core/lint';
import { allRules } from '../../src/core/rules';
import { expandSnippet } from '../vscode/snippetText';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const ROOT = join(__dirname, '..', '..');
const snippets: Record<string, Snippet> = JSON.parse(readFileSync(join(ROOT, 'snippets', 'cnpg.json'), 'utf8'));
const byPrefix = new Map(Object.values(snippets).map((s) => [s.prefix, s]));

/** The objects each snippet refers to, as provided by other snippets with their defaults. */
const COMPANIONS: Record<string, string[]> = {
  'cnpg-cluster': ['cnpg-objectstore'],
  'cnpg-objectstore': [],
  'cnpg-scheduledbackup': ['cnpg-cluster', 'cnpg-objectstore'],
  'cnpg-backup': ['cnpg-cluster', 'cnpg-objectstore'],
  // The source Cluster archives into the same ObjectStore: the pair must not collide.
  'cnpg-recovery-cluster': ['cnpg-cluster', 'cnpg-objectstore'],
  'cnpg-import-cluster': ['cnpg-objectstore'],
  'cnpg-replica-cluster': [],
  'cnpg-pooler': ['cnpg-cluster', 'cnpg-objectstore'],
};

function expanded(prefix: string): string {
  const s = byPrefix.get(prefix);
  if (!s) throw new Error(`no snippet with prefix ${prefix}`);
  return expandSnippet(s.body);
}

describe('snippets/cnpg.json', () => {
  it('has exactly the expected prefixes, each with a description', () => {
    assert.deepEqual([...byPrefix.keys()].sort(), Object.keys(COMPANIONS).sort());
    for (const s of Object.values(snippets)) assert.ok(s.description.length > 20, `${s.prefix} needs a description`);
  });

  it('expands placeholders, choices and mirrors like the editor', () => {
    assert.equal(expandSnippet(['a: ${1:x}', 'b: $1', 'c: ${2|p,q|}', 'd: ${3:${2}-y}', 'e: \\$5$0']), 'a: x\nb: x\nc: p\nd: p-y\ne: $5');
  });

  it('never generates in-tree barmanObjectStore configuration', () => {
    for (const s of Object.values(snippets)) {
      const text = expandSnippet(s.body);
      assert.doesNotMatch(text, /barmanObjectStore/, s.prefix);
      assert.doesNotMatch(text, /method:\s*barmanObjectStore/, s.prefix);
    }
  });

  for (const [prefix, companions] of Object.entries(COMPANIONS)) {
    it(`${prefix}: valid YAML with no finding from any of the ${allRules.length} rules`, () => {
      const files = [prefix, ...companions].map((p) => ({ path: `/snippets/${p}.yaml`, text: expanded(p) }));
      for (const f of files) {
        const docs = parseAllDocuments(f.text);
        for (const d of docs) assert.deepEqual(d.errors.map((e) => e.message), [], `${f.path} is not valid YAML`);
      }
      const findings = lintSources(files, { schemaValidation: true });
      assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.severity}: ${f.message}`), []);
    });
  }

  it('backups use the plugin method and a six-field schedule', () => {
    for (const prefix of ['cnpg-scheduledbackup', 'cnpg-backup']) {
      const text = expanded(prefix);
      assert.match(text, /method: plugin\n\s+pluginConfiguration:\n\s+name: barman-cloud\.cloudnative-pg\.io/);
    }
    const schedule = /schedule: "([^"]+)"/.exec(expanded('cnpg-scheduledbackup'))![1];
    assert.equal(schedule.split(/\s+/).length, 6);
  });

  it('the recovery Cluster names the source serverName and archives under its own', () => {
    const doc = parseAllDocuments(expanded('cnpg-recovery-cluster'))[0].toJS();
    const source = doc.spec.externalClusters.find((e: { name: string }) => e.name === doc.spec.bootstrap.recovery.source);
    assert.equal(source.plugin.parameters.serverName, 'pg-main');
    const archivers = doc.spec.plugins.filter((p: { isWALArchiver?: boolean }) => p.isWALArchiver);
    assert.equal(archivers.length, 1);
    assert.equal(archivers[0].parameters.barmanObjectName, source.plugin.parameters.barmanObjectName);
    assert.notEqual(archivers[0].parameters.serverName, source.plugin.parameters.serverName);
  });
});
