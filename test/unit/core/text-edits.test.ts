import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { WorkspaceModel } from '../../../src/core/model/workspace';
import type { Resource } from '../../../src/core/model/resource';
import type { TextEdit } from '../../../src/core/rules/types';
import { applyTextEdits, offsetAt } from '../../../src/core/edits/apply';
import { insertKey, removeKey, renameKey, replaceValue } from '../../../src/core/edits/text-edits';

const HEAD = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\n';

/** The resources of a file; `index` picks a later document. */
function resourceOf(text: string, index = 0): Resource {
  const model = new WorkspaceModel();
  model.setFile('c.yaml', text);
  return model.getFile('c.yaml')!.resources[index];
}

function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'expected an edit');
  const out = applyTextEdits(text, [edit]);
  // Every result must still be valid YAML.
  for (const chunk of out.split(/^---$/m)) parse(chunk);
  return out;
}

describe('text edits', () => {
  describe('applyTextEdits', () => {
    it('applies edits in any order and rejects overlaps', () => {
      const text = 'ab\ncd\n';
      const e = (l: number, c1: number, c2: number, t: string): TextEdit => ({ range: { start: { line: l, character: c1 }, end: { line: l, character: c2 } }, newText: t });
      assert.equal(applyTextEdits(text, [e(1, 0, 1, 'X'), e(0, 1, 2, 'Y')]), 'aY\nXd\n');
      assert.throws(() => applyTextEdits(text, [e(0, 0, 2, 'X'), e(0, 1, 2, 'Y')]), /Overlapping/);
      assert.equal(offsetAt(text, { line: 0, character: 99 }), 2);
      assert.equal(offsetAt(text, { line: 9, character: 0 }), text.length);
    });
  });

  describe('replaceValue', () => {
    it('keeps plain, single- and double-quoted styles and trailing comments', () => {
      const text = `${HEAD}spec:\n  a: old   # note\n  b: 'old'\n  c: "old"\n`;
      const r = resourceOf(text);
      assert.equal(apply(text, replaceValue(r, ['spec', 'a'], 'new')), `${HEAD}spec:\n  a: new   # note\n  b: 'old'\n  c: "old"\n`);
      assert.equal(apply(text, replaceValue(r, ['spec', 'b'], "it's")), `${HEAD}spec:\n  a: old   # note\n  b: 'it''s'\n  c: "old"\n`);
      assert.equal(apply(text, replaceValue(r, ['spec', 'c'], 'a"b')), `${HEAD}spec:\n  a: old   # note\n  b: 'old'\n  c: "a\\"b"\n`);
    });

    it('quotes a plain value that would read back as another type or break a flow mapping', () => {
      const text = `${HEAD}spec: {a: x, b: y}\n`;
      const r = resourceOf(text);
      assert.equal(apply(text, replaceValue(r, ['spec', 'a'], 'true')), `${HEAD}spec: {a: "true", b: y}\n`);
      assert.equal(apply(text, replaceValue(r, ['spec', 'a'], 'p, q')), `${HEAD}spec: {a: "p, q", b: y}\n`);
      assert.equal(apply(text, replaceValue(r, ['spec', 'a'], true)), `${HEAD}spec: {a: true, b: y}\n`);
    });

    it('keeps an anchor, fills an empty value and replaces a block scalar without eating the next line', () => {
      const text = `${HEAD}spec:\n  a: &x old\n  e:\n  s: |\n    one\n    two\n  z: 1\n`;
      const r = resourceOf(text);
      assert.equal(apply(text, replaceValue(r, ['spec', 'a'], 'new')), `${HEAD}spec:\n  a: &x new\n  e:\n  s: |\n    one\n    two\n  z: 1\n`);
      assert.equal(apply(text, replaceValue(r, ['spec', 'e'], 'v')), `${HEAD}spec:\n  a: &x old\n  e: v\n  s: |\n    one\n    two\n  z: 1\n`);
      assert.equal(apply(text, replaceValue(r, ['spec', 's'], 'flat')), `${HEAD}spec:\n  a: &x old\n  e:\n  s: flat\n  z: 1\n`);
      const commented = `${HEAD}spec:\n  e:   # later\n`;
      assert.equal(apply(commented, replaceValue(resourceOf(commented), ['spec', 'e'], 'v')), `${HEAD}spec:\n  e: v   # later\n`);
    });

    it('gives file positions for a later document and nothing for a missing or non-scalar path', () => {
      const text = `${HEAD}spec: {a: 1}\n---\n${HEAD}spec:\n  name: x\n`;
      const r = resourceOf(text, 1);
      const e = replaceValue(r, ['spec', 'name'], 'y');
      assert.equal(e?.range.start.line, 11);
      assert.equal(apply(text, e), `${HEAD}spec: {a: 1}\n---\n${HEAD}spec:\n  name: y\n`);
      assert.equal(replaceValue(r, ['spec', 'nope'], 'y'), undefined);
      assert.equal(replaceValue(r, ['spec'], 'y'), undefined);
    });
  });

  describe('renameKey', () => {
    it('renames a block key, a flow key and a quoted key', () => {
      const text = `${HEAD}spec:\n  old: 1   # c\n  m: {old: 2}\n  "q": 3\n`;
      const r = resourceOf(text);
      assert.equal(apply(text, renameKey(r, ['spec', 'old'], 'new')), `${HEAD}spec:\n  new: 1   # c\n  m: {old: 2}\n  "q": 3\n`);
      assert.equal(apply(text, renameKey(r, ['spec', 'm', 'old'], 'new')), `${HEAD}spec:\n  old: 1   # c\n  m: {new: 2}\n  "q": 3\n`);
      assert.equal(apply(text, renameKey(r, ['spec', 'q'], 'r')), `${HEAD}spec:\n  old: 1   # c\n  m: {old: 2}\n  "r": 3\n`);
      assert.equal(renameKey(r, ['spec', 'missing'], 'x'), undefined);
    });
  });

  describe('insertKey', () => {
    it('appends to a block mapping after nested content and trailing comments, at the mapping indentation', () => {
      const text = `${HEAD}spec:\n  backup:\n    store:\n      a: 1  # one\n      # deep\n  # about plugins\n  plugins: []\n`;
      const r = resourceOf(text);
      assert.equal(
        apply(text, insertKey(r, ['spec', 'backup'], 'retentionPolicy', '30d')),
        `${HEAD}spec:\n  backup:\n    store:\n      a: 1  # one\n    retentionPolicy: 30d\n      # deep\n  # about plugins\n  plugins: []\n`,
      );
    });

    it('adds a key to a sequence item mapping at the key column', () => {
      const text = `${HEAD}spec:\n  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      parameters:\n        barmanObjectName: s\n`;
      const r = resourceOf(text);
      const out = apply(text, insertKey(r, ['spec', 'plugins', 0], 'isWALArchiver', 'true'));
      assert.equal(out, `${HEAD}spec:\n  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      parameters:\n        barmanObjectName: s\n      isWALArchiver: true\n`);
      assert.equal(parse(out).spec.plugins[0].isWALArchiver, true);
    });

    it('writes a block value one indentation step in (detecting a 4-space document)', () => {
      const text = `${HEAD.replace('  name', '    name')}spec:\n    instances: 1\n`;
      const r = resourceOf(text);
      const out = apply(text, insertKey(r, ['spec'], 'plugins', '- name: p\n  isWALArchiver: true\n'));
      assert.ok(out.endsWith('spec:\n    instances: 1\n    plugins:\n        - name: p\n          isWALArchiver: true\n'), out);
      assert.deepEqual(parse(out).spec.plugins, [{ name: 'p', isWALArchiver: true }]);
    });

    it('inserts into flow mappings, empty or not, converting block values to flow', () => {
      const text = `${HEAD}spec:\n  a: {x: 1}\n  b: {}\n`;
      const r = resourceOf(text);
      assert.equal(apply(text, insertKey(r, ['spec', 'a'], 'y', '2')), `${HEAD}spec:\n  a: {x: 1, y: 2}\n  b: {}\n`);
      assert.equal(apply(text, insertKey(r, ['spec', 'b'], 'y', 'k: v\nl: w')), `${HEAD}spec:\n  a: {x: 1}\n  b: {y: {k: v, l: w}}\n`);
    });

    it('creates missing parent mappings', () => {
      const text = `${HEAD}spec:\n  instances: 1\n`;
      const r = resourceOf(text);
      const out = apply(text, insertKey(r, ['spec', 'backup', 'x'], 'retentionPolicy', '30d'));
      assert.equal(out, `${HEAD}spec:\n  instances: 1\n  backup:\n    x:\n      retentionPolicy: 30d\n`);
    });

    it('creates missing parents inside a flow mapping as flow', () => {
      const text = `${HEAD}spec: {instances: 1}\n`;
      const out = apply(text, insertKey(resourceOf(text), ['spec', 'backup'], 'retentionPolicy', '30d'));
      assert.equal(out, `${HEAD}spec: {instances: 1, backup: {retentionPolicy: 30d}}\n`);
    });

    it('fills an empty or null value, keeping its comment', () => {
      const text = `${HEAD}spec:\n  backup:   # later\n  other: ~\n`;
      const r = resourceOf(text);
      assert.equal(apply(text, insertKey(r, ['spec', 'backup'], 'k', 'v')), `${HEAD}spec:\n  backup:   # later\n    k: v\n  other: ~\n`);
      assert.equal(apply(text, insertKey(r, ['spec', 'other'], 'k', 'v')), `${HEAD}spec:\n  backup:   # later\n  other:\n    k: v\n`);
    });

    it('refuses to insert into a scalar or through a missing sequence item', () => {
      const text = `${HEAD}spec:\n  instances: 1\n`;
      const r = resourceOf(text);
      assert.equal(insertKey(r, ['spec', 'instances'], 'k', 'v'), undefined);
      assert.equal(insertKey(r, ['spec', 'plugins', 0], 'k', 'v'), undefined);
    });

    it('quotes a key that needs it', () => {
      const text = `${HEAD}metadata2:\n  a: 1\n`;
      const r = resourceOf(text);
      assert.equal(apply(text, insertKey(r, ['metadata2'], 'cnpg.io/skip: x', 'y')), `${HEAD}metadata2:\n  a: 1\n  "cnpg.io/skip: x": y\n`);
    });
  });

  describe('removeKey', () => {
    const text = `${HEAD}spec:\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://b\n      # creds below\n      s3Credentials:\n        inheritFromIAMRole: true\n    # kept: belongs to retentionPolicy\n    retentionPolicy: 30d   # a month\n  instances: 1\n`;

    it('removes a pair with its nested lines and deeper comments', () => {
      const r = resourceOf(text);
      assert.equal(
        apply(text, removeKey(r, ['spec', 'backup', 'barmanObjectStore'])),
        `${HEAD}spec:\n  backup:\n    # kept: belongs to retentionPolicy\n    retentionPolicy: 30d   # a month\n  instances: 1\n`,
      );
      assert.equal(
        apply(text, removeKey(r, ['spec', 'backup', 'retentionPolicy'])),
        `${HEAD}spec:\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://b\n      # creds below\n      s3Credentials:\n        inheritFromIAMRole: true\n    # kept: belongs to retentionPolicy\n  instances: 1\n`,
      );
    });

    it('removes the emptied parent when asked', () => {
      const t = `${HEAD}spec:\n  backup:\n    retentionPolicy: 30d\n  instances: 1\n`;
      const r = resourceOf(t);
      assert.equal(apply(t, removeKey(r, ['spec', 'backup', 'retentionPolicy'], { pruneEmptyParents: true })), `${HEAD}spec:\n  instances: 1\n`);
      assert.equal(apply(t, removeKey(r, ['spec', 'backup', 'retentionPolicy'])), `${HEAD}spec:\n  backup:\n  instances: 1\n`);
    });

    it('keeps the dash when removing the first pair of a sequence item', () => {
      const t = `${HEAD}spec:\n  plugins:\n    - name: a\n      enabled: false\n    - name: b\n`;
      const r = resourceOf(t);
      assert.equal(apply(t, removeKey(r, ['spec', 'plugins', 0, 'name'])), `${HEAD}spec:\n  plugins:\n    - enabled: false\n    - name: b\n`);
      assert.equal(apply(t, removeKey(r, ['spec', 'plugins', 1, 'name'])), `${HEAD}spec:\n  plugins:\n    - name: a\n      enabled: false\n    - {}\n`);
    });

    it('removes whole sequence items, block and flow', () => {
      const t = `${HEAD}spec:\n  plugins:\n    - name: a\n      enabled: false\n    - name: b\n  list: [1, 2, 3]\n`;
      const r = resourceOf(t);
      assert.equal(apply(t, removeKey(r, ['spec', 'plugins', 0])), `${HEAD}spec:\n  plugins:\n    - name: b\n  list: [1, 2, 3]\n`);
      assert.equal(apply(t, removeKey(r, ['spec', 'list', 0])), `${HEAD}spec:\n  plugins:\n    - name: a\n      enabled: false\n    - name: b\n  list: [2, 3]\n`);
      assert.equal(apply(t, removeKey(r, ['spec', 'list', 2])), `${HEAD}spec:\n  plugins:\n    - name: a\n      enabled: false\n    - name: b\n  list: [1, 2]\n`);
    });

    it('removes pairs from flow mappings', () => {
      const t = `${HEAD}spec: {a: 1, b: 2, c: 3}\n`;
      const r = resourceOf(t);
      assert.equal(apply(t, removeKey(r, ['spec', 'a'])), `${HEAD}spec: {b: 2, c: 3}\n`);
      assert.equal(apply(t, removeKey(r, ['spec', 'b'])), `${HEAD}spec: {a: 1, c: 3}\n`);
      const single = `${HEAD}spec: {a: 1}\n`;
      assert.equal(apply(single, removeKey(resourceOf(single), ['spec', 'a'])), `${HEAD}spec: {}\n`);
    });

    it('removes the last line of a file without a trailing newline, and of a document followed by another', () => {
      const t = `${HEAD}spec:\n  a: 1\n  b: 2`;
      assert.equal(apply(t, removeKey(resourceOf(t), ['spec', 'b'])), `${HEAD}spec:\n  a: 1`);
      const two = `${HEAD}spec:\n  a: 1\n  b: 2\n---\n${HEAD}`;
      assert.equal(apply(two, removeKey(resourceOf(two), ['spec', 'b'])), `${HEAD}spec:\n  a: 1\n---\n${HEAD}`);
    });

    it('keeps CRLF line endings when removing and inserting', () => {
      const t = `${HEAD}spec:\n  a: 1\n  # about a\n  b:\n    c: 2\n    # under b\n  d: 3\n`.replace(/\n/g, '\r\n');
      const r = resourceOf(t);
      const removed = apply(t, removeKey(r, ['spec', 'b']));
      assert.equal(removed, `${HEAD}spec:\n  a: 1\n  # about a\n  d: 3\n`.replace(/\n/g, '\r\n'));
      const inserted = apply(t, insertKey(r, ['spec', 'b'], 'e', 'x: 1'));
      assert.equal(inserted, `${HEAD}spec:\n  a: 1\n  # about a\n  b:\n    c: 2\n    e:\n      x: 1\n    # under b\n  d: 3\n`.replace(/\n/g, '\r\n'));
      const last = `${HEAD}spec:\n  a: 1\n  b: 2`.replace(/\n/g, '\r\n');
      assert.equal(apply(last, removeKey(resourceOf(last), ['spec', 'b'])), `${HEAD}spec:\n  a: 1`.replace(/\n/g, '\r\n'));
    });

    it('returns nothing for a missing path', () => {
      assert.equal(removeKey(resourceOf(text), ['spec', 'nope']), undefined);
      assert.equal(removeKey(resourceOf(text), ['spec', 'backup', 3]), undefined);
    });
  });
});
