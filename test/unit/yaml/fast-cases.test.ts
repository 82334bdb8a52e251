// The fast YAML reader on the cases where YAML is subtle: each either reads exactly as yaml does
// (value and offsets, checked by compareWithYaml) or falls back to yaml.
import { strict as assert } from 'node:assert';
import { parseYamlFile, nodeAt, pairAt, nodeOffsets, type PathSegment } from '../../../src/core/yaml/parse';
import { fastRead } from '../../../src/core/yaml/fast';
import { compareWithYaml } from './fast-compare';

function reads(text: string, value?: unknown): void {
  const r = compareWithYaml(text);
  assert.ok(r.fast, `expected the fast path for ${JSON.stringify(text)}`);
  assert.deepEqual(r.problems, []);
  if (value !== undefined) assert.deepEqual(fastRead(text)!.value, value);
}

function fallsBack(text: string): void {
  assert.equal(fastRead(text), undefined, `expected a fallback for ${JSON.stringify(text)}`);
}

describe('fast YAML reader: cases', () => {
  it('block scalars: chomping, indentation indicators, folding', () => {
    reads('a: |\n  x\n  y\n\n', { a: 'x\ny\n' });
    reads('a: |-\n  x\n\n', { a: 'x' });
    reads('a: |+\n  x\n\n\nb: 1\n', { a: 'x\n\n\n', b: 1 });
    reads('a: >\n  one\n  two\n\n  three\n    indented\n  four\n', { a: 'one two\nthree\n  indented\nfour\n' });
    reads('a: |2\n    more\n  base\n', { a: '  more\nbase\n' });
    reads('a: >-2 # c\n   x\n  y\n', { a: ' x\ny' });
    reads('- |\n  item\n- >\n  next\n', ['item\n', 'next\n']);
    reads('a: |\n  x\n# after\nb: 2\n');
    fallsBack('a: |\nb: 1\n'); // empty block scalar
    fallsBack('a: |\n\n    more\n  less\n'); // more-indented leading empty line, error in yaml
    fallsBack('a: |0\n  x\n'); // bad indicator
    fallsBack('a: |#c\n  x\n');
  });

  it('multi-line plain and quoted scalars fold as YAML 1.2 says', () => {
    reads('a: one\n  two\n\n  three\nb: x\n', { a: 'one two\nthree', b: 'x' });
    reads('- one\n  two\n', ['one two']);
    reads('a: "one\n  two\\\n  three\\t\\u00e9\\x41"\n', { a: 'one twothree\t\u00e9A' });
    reads("a: 'it''s\n\n  here'\n", { a: "it's\nhere" });
    reads('a: "  spaced  "\n', { a: '  spaced  ' });
    fallsBack('a: "bad \\q escape"\n');
    fallsBack('a: "open\n');
    fallsBack('a: one\n  two: three\n'); // a multi-line implicit key
    fallsBack('a: "x"y\n');
  });

  it('resolves scalars with the core schema', () => {
    reads('a: [null, Null, NULL, ~, true, False, 0o17, 0x1F, -12, +3, 1.5, .5, 1e3, -.inf, .NaN, 1_000, 0b1, yes, 0012]\n', {
      a: [null, null, null, null, true, false, 15, 31, -12, 3, 1.5, 0.5, 1000, -Infinity, NaN, '1_000', '0b1', 'yes', 12],
    });
    reads('a: "1"\nb: \'true\'\nc:\n', { a: '1', b: 'true', c: null });
  });

  it('comments between items, after values and at the end of nested collections', () => {
    reads('a:\n  # before\n  b: 1 # after\n  # between\n  c: 2\n      # deeper than the map\n  # the map\n# the root\nd: 3\n');
    reads('a:\n  b:\n    c: 1\n    # stays with c\'s map\n  # moves up\ne: 3\n');
    reads('list:\n  - a\n  # between\n  - b\n# end\n');
    reads('- # on the dash line\n  a: 1\n');
  });

  it('`key:` followed by a less-indented line is null; comments there fall back', () => {
    reads('a:\n  b:\nc: 1\n', { a: { b: null }, c: 1 });
    reads('- a:\n- b\n', [{ a: null }, 'b']);
    fallsBack('a:\n  b: # c\nc: 1\n');
    fallsBack('a:\n  b:\n  # c\nc: 1\n');
  });

  it('sequences at their key\'s column and compact `- key:` maps', () => {
    reads('a:\n- x\n- y: 1\n  z: 2\nb: 1\n', { a: ['x', { y: 1, z: 2 }], b: 1 });
    reads('items:\n  - name: a\n    value: "1"\n  -   name: b\n      value: {x: [1, 2]}\n');
    fallsBack('- - nested on one line\n');
    fallsBack('-\n');
  });

  it('flow collections of scalars', () => {
    reads('a: []\nb: {}\nc: ["x", \'y\', z]\nd: {cpu: 1, "memory": 2Gi}\ne: {a: [1, {b: 2}]}\n');
    fallsBack('a: [x,\n  y]\n'); // over lines
    fallsBack('a: [x, ]\n'); // trailing comma
    fallsBack('a: {b}\n');
  });

  it('falls back on what it does not read', () => {
    fallsBack('%YAML 1.2\n---\na: 1\n');
    fallsBack('a: &x 1\nb: *x\n');
    fallsBack('a: !!str 1\n');
    fallsBack('? a\n: 1\n');
    fallsBack('1: a\n');
    fallsBack('true: a\n');
    fallsBack('null: a\n');
    fallsBack('"12": a\n');
    fallsBack('a: 1\na: 2\n');
    fallsBack('__proto__: 1\n');
    fallsBack('a:\n\tb: 1\n');
    fallsBack('a: 1\r\n');
    fallsBack('a: 1\n---\nb: 2\n');
    fallsBack('---\n# only a comment\n');
    fallsBack('');
    fallsBack('just a scalar\n');
    // Nesting deeper than 64 levels.
    fallsBack(`${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k:\n`).join('')}${' '.repeat(70)}v: 1\n`);
    reads(`${Array.from({ length: 60 }, (_, i) => `${' '.repeat(i)}k:\n`).join('')}${' '.repeat(60)}v: 1\n`);
  });

  it('reads an empty-looking document start and a marker with a comment', () => {
    reads('# lead\n\n--- # marker\n# c\napiVersion: v1\n');
  });

  it('parseYamlFile composes the Document only on use, and locate() agrees with nodeAt/pairAt', () => {
    const text = 'apiVersion: v1\nkind: Cluster\nspec:\n  list:\n  - a\n  - {b: "1"}\n  flag: yes\n---\na: &x 1\nb: *x\n';
    const [fast, slow] = parseYamlFile(text).documents;
    assert.deepEqual(fast.value, { apiVersion: 'v1', kind: 'Cluster', spec: { list: ['a', { b: '1' }], flag: 'yes' } });
    assert.equal((fast as unknown as { composed?: unknown }).composed, undefined, 'not composed yet');
    const paths: PathSegment[][] = [[], ['spec'], ['spec', 'list'], ['spec', 'list', 0], ['spec', 'list', 1, 'b'], ['spec', 'flag'], ['spec', 'nope'], ['spec', 'list', 2], ['spec', 0], ['kind', 'x']];
    const expected = paths.map((p) => fast.locate(p));
    const doc = fast.doc; // composes now
    for (const [i, p] of paths.entries()) {
      const node = nodeAt(doc, p);
      const offsets = nodeOffsets(node);
      const key = typeof p[p.length - 1] === 'string' ? nodeOffsets(pairAt(doc, p)?.key) : undefined;
      const loc = expected[i];
      assert.deepEqual([loc?.start, loc?.end], offsets ?? [undefined, undefined], JSON.stringify(p));
      assert.deepEqual([loc?.keyStart, loc?.keyEnd], key ?? [undefined, undefined], JSON.stringify(p));
    }
    assert.equal(fast.locate(['spec', 'flag'])?.plain, true);
    assert.equal(fast.locate(['spec', 'list', 1, 'b'])?.plain, false);
    assert.deepEqual(slow.value, { a: 1, b: 1 });
    assert.deepEqual(slow.locate(['b']), { start: nodeOffsets(nodeAt(slow.doc, ['b']))![0], end: nodeOffsets(nodeAt(slow.doc, ['b']))![1], plain: false, keyStart: 12, keyEnd: 13 });
  });
});
