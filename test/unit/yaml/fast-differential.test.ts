// The fast reader against the yaml package on every YAML document we have: the rule and transform
// fixtures, examples/, the runbooks' YAML blocks (../shared/seeds, when present) and the
// benchmark's generated manifests. Where the fast reader reads a document, its value and every
// node's offsets (values, keys, plain or not) must be yaml's; and it must read the documents it
// was made for, so a fast path that silently stopped working fails here.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { splitDocuments } from '../../../src/core/yaml/split';
import { compareWithYaml, yamlFiles } from './fast-compare';

const ROOT = join(__dirname, '..', '..', '..');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');


interface Tally {
  pieces: number;
  fast: number;
}

function check(label: string, text: string, tally: Tally): void {
  for (const chunk of splitDocuments(text)) {
    tally.pieces++;
    const r = compareWithYaml(chunk.text);
    if (r.fast) tally.fast++;
    assert.deepEqual(r.problems, [], `${label}, document at line ${chunk.line + 1}:\n${chunk.text}`);
  }
}

describe('fast YAML reader against yaml (differential)', () => {
  it('agrees on every fixture document, and reads most of them', () => {
    const tally = { pieces: 0, fast: 0 };
    for (const file of yamlFiles(join(ROOT, 'test', 'fixtures'))) check(relative(ROOT, file), readFileSync(file, 'utf8'), tally);
    assert.ok(tally.pieces > 300, `${tally.pieces} documents`);
    // The rest use anchors, CRLF, Helm templates, or are broken on purpose.
    assert.ok(tally.fast / tally.pieces > 0.85, `fast path on ${tally.fast} of ${tally.pieces}`);
  });

  it('agrees on every examples/ document, and reads the large majority', () => {
    const tally = { pieces: 0, fast: 0 };
    for (const file of yamlFiles(join(ROOT, 'examples'))) check(relative(ROOT, file), readFileSync(file, 'utf8'), tally);
    assert.ok(tally.pieces > 10, `${tally.pieces} documents`);
    assert.ok(tally.fast / tally.pieces > 0.9, `fast path on ${tally.fast} of ${tally.pieces}`);
  });

  it("agrees on the runbooks' YAML blocks (when ../shared/seeds is present)", function () {
    if (!existsSync(SEEDS)) this.skip();
    const tally = { pieces: 0, fast: 0 };
    for (const name of readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(join(SEEDS, name), 'utf8');
      for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) check(name, m[1], tally);
    }
    assert.ok(tally.fast > 0, `fast path on ${tally.fast} of ${tally.pieces}`);
  });

  it("reads every document of the benchmark's generated stream, as yaml does", async () => {
    // A plain .mjs without types: imported through a path the type checker does not follow.
    const generator = join(ROOT, 'bench', 'generate.mjs');
    const { generateManifests } = (await import(pathToFileURL(generator).href)) as { generateManifests: (n: number) => { text: string } };
    const tally = { pieces: 0, fast: 0 };
    check('generateManifests(300)', generateManifests(300).text, tally);
    assert.equal(tally.pieces, 300);
    assert.equal(tally.fast, 300);
  });
});
