import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { diffLines } from '../../../src/core/transforms/text/line-diff';
import { applyTextEdits, documentEdits, splitKeepEol } from '../../../src/core/transforms/text/edits';
import { DocEditor, NeedsFallback } from '../../../src/core/transforms/text/doc-editor';
import { detectStyle } from '../../../src/core/transforms/text/style';
import { renderLike, renderScalar } from '../../../src/core/transforms/text/scalar';
import { parseValue } from '../../../src/core/transforms/text/verify';
import { unifiedDiff } from '../../../src/cli/diff';

function applyHunks(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let pos = 0;
  for (const h of diffLines(a, b)) {
    out.push(...a.slice(pos, h.aStart), ...b.slice(h.bStart, h.bStart + h.bCount));
    pos = h.aStart + h.aCount;
  }
  return [...out, ...a.slice(pos)];
}

describe('text: line diff', () => {
  it('turns a into b, with only changed lines in hunks', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd', '');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        assert.deepEqual(applyHunks(a, b), b);
        for (const h of diffLines(a, b)) assert.ok(h.aCount + h.bCount > 0);
      }),
      { numRuns: 300 },
    );
  });
  it('is minimal on a single replaced line', () => {
    assert.deepEqual(diffLines(['x', 'y', 'z'], ['x', 'Y', 'z']), [{ aStart: 1, aCount: 1, bStart: 1, bCount: 1 }]);
    assert.deepEqual(diffLines(['x'], ['x']), []);
  });
});

describe('text: document edits', () => {
  const file = 'a: 1\n---\nb: 2\nc: 3\n---\nd: 4';
  it('edit only the lines of one document, in file positions', () => {
    const doc = { text: 'b: 2\nc: 3\n', fileLine: 2 };
    const edits = documentEdits({ text: '---\n' + doc.text, fileLine: 1 }, '---\nb: 2\nc: 30\nnew: x\n');
    assert.deepEqual(edits, [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: 'c: 30\nnew: x\n' }]);
    assert.equal(applyTextEdits(file, edits), 'a: 1\n---\nb: 2\nc: 30\nnew: x\n---\nd: 4');
  });
  it('append after a last line without newline', () => {
    const edits = documentEdits({ text: '---\nd: 4', fileLine: 4 }, '---\nd: 4\n---\ne: 5\n');
    assert.equal(applyTextEdits(file, edits), 'a: 1\n---\nb: 2\nc: 3\n---\nd: 4\n---\ne: 5\n');
  });
  it('rejects overlapping edits', () => {
    const r = (l: number) => ({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } });
    assert.throws(() => applyTextEdits(file, [{ range: r(0), newText: '' }, { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } }, newText: '' }]), /Overlapping/);
  });
  it('split lines keeping their endings', () => {
    assert.deepEqual(splitKeepEol('a\r\nb\nc'), ['a\r\n', 'b\n', 'c']);
    assert.deepEqual(splitKeepEol(''), []);
  });
});

describe('text: DocEditor splices', () => {
  const text = ['spec:', '  # about backup', '  backup:', '    a: 1', '', '    b: "two" # keep', '  other: x', ''].join('\n');
  const editor = () => {
    const doc = parseDocument(text);
    return new DocEditor(text, doc as never, { indent: 2, indentSeq: true });
  };
  it('removes a pair with its nested lines and keeps everything else', () => {
    const ed = editor();
    ed.removePair(['spec', 'backup']);
    assert.equal(ed.result(), 'spec:\n  # about backup\n  other: x\n');
  });
  it('removes the comments above a pair only when asked', () => {
    const ed = editor();
    ed.removePair(['spec', 'backup'], true);
    assert.equal(ed.result(), 'spec:\n  other: x\n');
  });
  it('sets a scalar in its quoting style and keeps the trailing comment', () => {
    const ed = editor();
    ed.setScalar(['spec', 'backup', 'b'], 'three');
    assert.match(ed.result(), /b: "three" # keep/);
  });
  it('inserts after a pair at its column', () => {
    const ed = editor();
    ed.insertAfter(['spec', 'backup', 'b'], ['c: 3']);
    assert.match(ed.result(), /b: "two" # keep\n {4}c: 3\n {2}other: x/);
  });
  it('asks for the fallback on flow mappings', () => {
    const flow = 'spec: {backup: {a: 1}}\n';
    const ed = new DocEditor(flow, parseDocument(flow) as never, { indent: 2, indentSeq: true });
    assert.throws(() => ed.removePair(['spec', 'backup']), NeedsFallback);
  });
});

describe('text: style and scalars', () => {
  it('detects indentation and sequence style', () => {
    const four = 'a:\n    b:\n        - x\n';
    assert.deepEqual(detectStyle(parseDocument(four), four), { indent: 4, indentSeq: true });
    const flush = 'a:\n  b:\n  - x\n  c:\n  - y\n';
    assert.deepEqual(detectStyle(parseDocument(flush), flush), { indent: 2, indentSeq: false });
    assert.deepEqual(detectStyle(parseDocument('a: 1\n'), 'a: 1\n'), {});
  });
  it('quotes what YAML 1.1 (Kubernetes) would not read as the same string', () => {
    for (const s of ['yes', 'on', 'off', 'y', 'no', '0755', '1.0', 'null', '~', '#x', 'a: b', '', ' x']) {
      const text = renderScalar(s);
      assert.ok(text.startsWith('"'), `${s} -> ${text}`);
      assert.equal(parseValue(`v: ${text}\n`).value && (parseValue(`v: ${text}\n`).value as { v: string }).v, s);
    }
    for (const s of ['plugin', 'barman-cloud.cloudnative-pg.io', 's3://bucket/path', 'https://s3.garage.internal', '${CLUSTER}-store', '30d']) {
      assert.equal(renderScalar(s), s);
    }
  });
  it('reads back as the same string in YAML 1.1 and 1.2, for any string', () => {
    const chars = fc.constantFrom(...'aZ09 -_.:/#&*!|>\'"%@`{}[],?~=+$\\\n\tyesnoON'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.stringOf(chars, { maxLength: 12 }), fc.constantFrom('yes', 'No', 'on', '1e3', '0x1F', '1:20', '.inf', '2026-01-01', 's3://b/p', 'a-b.c')), (value) => {
        const text = `v: ${renderScalar(value)}\n`;
        for (const version of ['1.1', '1.2'] as const) {
          const doc = parseDocument(text, { version });
          assert.equal(doc.errors.length, 0, `${JSON.stringify(value)} -> ${text}`);
          assert.equal(doc.get('v'), value, `${version}: ${JSON.stringify(value)} -> ${text}`);
        }
      }),
      { numRuns: 500 },
    );
  });
  it('keeps the quoting style of the value it replaces', () => {
    const doc = parseDocument("a: 'x'\nb: \"y\"\nc: z\n");
    const node = (k: string) => doc.get(k, true);
    assert.equal(renderLike(node('a'), "it's"), "'it''s'");
    assert.equal(renderLike(node('b'), 'q'), '"q"');
    assert.equal(renderLike(node('c'), 'yes'), '"yes"');
  });
});

describe('cli: unified diff', () => {
  it('prints hunks with context, creations and missing final newlines', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    assert.equal(unifiedDiff('f.yaml', before, after), '--- a/f.yaml\n+++ b/f.yaml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
    assert.equal(unifiedDiff('n.yaml', undefined, 'a: 1\n'), '--- /dev/null\n+++ b/n.yaml\n@@ -0,0 +1 @@\n+a: 1\n');
    assert.equal(unifiedDiff('x', 'a', 'b'), '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('x', 'same', 'same'), '');
  });
});
