// Property test of the fast YAML reader: fixture documents and tricky snippets, mutated where YAML
// is fragile (indentation, quotes, colons, comments, `- `, tabs, block scalar headers, flow
// brackets, escapes, document markers). The reader must never throw, and whenever it reads a
// mutant, yaml must read it without errors to the same value and node offsets.
//
//   CNPG_FAST_RUNS=20000 npx mocha test/unit/yaml/fast-property.test.ts   (default 1500 runs)
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fastRead } from '../../../src/core/yaml/fast';
import { splitDocuments } from '../../../src/core/yaml/split';
import { compareWithYaml, yamlFiles } from './fast-compare';
import { prng } from '../random';

const ROOT = join(__dirname, '..', '..', '..');
const RUNS = Number(process.env.CNPG_FAST_RUNS ?? 1500);


/** Small documents that pack the constructs the reader handles, to mutate next to real ones. */
const TRICKY = [
  'a: |\n  line 1\n\n  line 2\n\nb: >-\n  folded\n  text\n\n  para\n    more\n  end\nc: |+\n  keep\n\n',
  '- a: 1\n  b: "x\\ty\\u00e9"\n- c\n-   d: \'it\'\'s\'\n    e: [1, "2", three]\n- {f: 1, "g": two}\n',
  'k:\n- one\n- two\n# comment\nl:\n  m: plain\n    continued\n\n    line\n  n: ~\n  o:\n  p: 0o17\n  q: 0x1F\n  r: -.inf\n  s: 1e3\n',
  'x:\n  y:\n    z: 1\n      # deep\n    # same\n  # less\nw: "multi\n  line\n\n  quoted"\nv: \'single\n  folded\'\n',
  '---\n# lead\nkey: value # trailing\nlist: []\nmap: {}\nblock: |2-\n    two more\n   one more\nend: true\n',
];

function corpus(): string[] {
  const pieces: string[] = [...TRICKY];
  for (const dir of ['test/fixtures/rules', 'examples']) {
    for (const file of yamlFiles(join(ROOT, dir))) {
      for (const c of splitDocuments(readFileSync(file, 'utf8'))) if (c.text.length < 2500) pieces.push(c.text);
    }
  }
  return pieces;
}

const SNIPPETS = [' ', '  ', '\n', '\n\n', '\t', '"', "'", ':', ': ', '#', ' #', ' # c\n', '- ', '-', '|', '>', '|-', '>+', '|2', '|1+', '{', '}', '[', ']', ',', '---\n', '...\n', 'null', '~', '0o7', '0x1F', '1e3', '.inf', '.NaN', 'true', 'False', '12', '\\', '\\n', '\\x4', '&a ', '*a', '!t ', '? ', '%', '@', '__proto__', '<<', 'a: b', '\n  ', '\n- x', '\r\n', '\u00e9', '\uFEFF'];

type Mutation = { op: 'insert'; at: number; snippet: number } | { op: 'delete'; at: number; length: number } | { op: 'indent'; line: number; by: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), snippet: fc.nat(SNIPPETS.length - 1) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.constantFrom(-2, -1, 1, 2) }),
);

function mutate(text: string, m: Mutation): string {
  if (m.op === 'insert') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + SNIPPETS[m.snippet] + text.slice(at);
  }
  if (m.op === 'delete') {
    if (text.length === 0) return text;
    const at = m.at % text.length;
    return text.slice(0, at) + text.slice(at + m.length);
  }
  const lines = text.split('\n');
  const i = m.line % lines.length;
  lines[i] = m.by > 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {1,${-m.by}}`), '');
  return lines.join('\n');
}


/**
 * A random manifest-like document: nested block collections at random indentation, every kind of
 * scalar, and blank and comment lines at random columns between lines (where yaml's offsets are
 * subtle: comments after a collection's last value belong to one of the collections closing there).
 */
function generate(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const scalars = ['plain', 'two words', '"dq\\t"', "'sq'", '1', '-2', '0x1f', '1.5', 'true', 'null', '~', '[a, "b"]', '{c: 1}', '[]', '{}', '|\n{i}  lit\n\n{i}  eral\n', '>-\n{i}  fol\n{i}  ded\n', '|+\n{i}  keep\n\n', 'multi\n{i}  line', '"dq\n{i}  lines"', ''];
  let out = '';
  const gap = (indent: number) => {
    while (random() < 0.3) out += random() < 0.5 ? '\n' : `${' '.repeat(Math.floor(random() * (indent + 5)))}# c\n`;
  };
  const value = (indent: number, depth: number): void => {
    // After `key:` or `- `: a scalar on this line, or a collection below.
    if (depth < 4 && random() < 0.4) {
      out += random() < 0.3 ? ' # after\n' : '\n';
      gap(indent);
      block(indent + 1 + Math.floor(random() * 3), depth + 1);
      return;
    }
    const s = pick(scalars).replace(/\{i\}/g, ' '.repeat(indent));
    out += s === '' ? '\n' : ` ${s}${s.endsWith('\n') ? '' : random() < 0.2 ? ' # t\n' : '\n'}`;
    gap(indent);
  };
  const block = (indent: number, depth: number): void => {
    const pad = ' '.repeat(indent);
    const seq = random() < 0.4;
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      if (seq) {
        out += `${pad}-`;
        if (random() < 0.5) {
          out += ` k${i}:`;
          value(indent + 2, depth + 1);
          if (random() < 0.5) {
            out += `${pad}  m${i}:`;
            value(indent + 2, depth + 1);
          }
        } else value(indent, depth);
      } else {
        out += `${pad}${random() < 0.2 ? `"k${i}"` : `k${i}`}:`;
        if (depth < 4 && random() < 0.15) {
          out += '\n';
          block(indent, depth + 1); // a sequence at its key's column (or a bad map: yaml decides)
        } else value(indent, depth);
      }
    }
  };
  if (random() < 0.3) out += '---\n';
  gap(0);
  block(random() < 0.9 ? 0 : 2, 0);
  return out;
}

describe('fast YAML reader (property)', () => {
  const pieces = corpus();

  it('never throws and, when it reads a mutated document, agrees with yaml', function () {
    this.timeout(10 * 60 * 1000);
    let read = 0;
    fc.assert(
      fc.property(fc.nat(pieces.length - 1), fc.array(mutation, { minLength: 1, maxLength: 5 }), (index, mutations) => {
        const text = mutations.reduce(mutate, pieces[index]);
        const r = compareWithYaml(text);
        if (r.fast) read++;
        assert.deepEqual(r.problems, [], JSON.stringify(text));
      }),
      { numRuns: RUNS, seed: Number(process.env.CNPG_FAST_SEED ?? 20251121) },
    );
    // Many mutants stay valid; if none were read, the test would prove nothing.
    assert.ok(read > RUNS / 10, `read ${read} of ${RUNS}`);
  });

  it('agrees with yaml on generated documents with comments at every column', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const text = generate(prng(seed));
        const r = compareWithYaml(text);
        if (r.fast) read++;
        assert.deepEqual(r.problems, [], JSON.stringify(text));
      }),
      { numRuns: RUNS, seed: Number(process.env.CNPG_FAST_SEED ?? 20251121) },
    );
    assert.ok(read > RUNS / 4, `read ${read} of ${RUNS}`);
  });

  it('reads the unmutated tricky documents', () => {
    for (const text of TRICKY) {
      const r = compareWithYaml(text);
      assert.ok(r.fast, JSON.stringify(text));
      assert.deepEqual(r.problems, []);
    }
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...SNIPPETS, 'a', 'b', '1', ' ', '\n') }), (text) => {
        fastRead(text);
      }),
      { numRuns: 500 },
    );
  });
});
