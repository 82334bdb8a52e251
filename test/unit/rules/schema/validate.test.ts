// The validator on its own: keyword semantics on a small hand-written schema, and sensitivity on the
// real schemas (every field of the realistic manifests is actually reached and checked).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { compileSchemaFile, schemaFor, schemaKeys, type SchemaNode } from '../../../../src/core/schema/compile';
import { validateValue } from '../../../../src/core/schema/validate';
import type { CompactSchemaFile } from '../../../../src/core/schema/types';
import { FIXTURES } from '../harness';

const small: CompactSchemaFile = {
  group: 'test.io',
  version: 'v1',
  kind: 'Thing',
  source: 'test',
  defs: [{ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }],
  root: {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        type: 'object',
        properties: {
          quantity: { intOrString: true, pattern: '^[0-9]+(m|Gi)?$' },
          count: { type: 'integer', minimum: 1, maximum: 5 },
          ratio: { type: 'number' },
          mode: { type: 'string', enum: ['a', 'b'] },
          short: { type: 'string', minLength: 2, maxLength: 3 },
          tags: { type: 'array', items: { type: 'string' }, listType: 'set', maxItems: 3 },
          refs: { type: 'array', items: { $ref: 0 }, listType: 'map', listMapKeys: ['name'] },
          free: { type: 'object', preserveUnknownFields: true },
          embedded: { type: 'object' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          maybe: { type: 'string', nullable: true },
          flag: { type: 'boolean' },
        },
      },
    },
  },
};
const root = compileSchemaFile(small).root;
const problems = (spec: unknown, options = {}) => validateValue(root, { spec }, options).map((p) => `${p.kind} ${p.path.join('.')}${p.reason ? ` ${p.reason}` : ''}${p.field ? ` ${p.field}` : ''}`);

describe('validateValue keywords', () => {
  it('accepts int-or-string integers and strings, rejects decimals, checks the pattern on strings only', () => {
    assert.deepEqual(problems({ quantity: 2 }), []);
    assert.deepEqual(problems({ quantity: '500m' }), []);
    assert.deepEqual(problems({ quantity: 0.5 }), ['invalid-value spec.quantity type']);
    assert.deepEqual(problems({ quantity: '1GB' }), ['invalid-value spec.quantity pattern']);
  });

  it('checks integer, number, bounds, enum and lengths', () => {
    assert.deepEqual(problems({ count: 2.5 }), ['invalid-value spec.count type']);
    assert.deepEqual(problems({ count: 0 }), ['invalid-value spec.count minimum']);
    assert.deepEqual(problems({ count: 6 }), ['invalid-value spec.count maximum']);
    assert.deepEqual(problems({ ratio: 2 }), []);
    assert.deepEqual(problems({ mode: 'c' }), ['invalid-value spec.mode enum']);
    assert.deepEqual(problems({ short: 'x' }), ['invalid-value spec.short minLength']);
    assert.deepEqual(problems({ short: 'xxxx' }), ['invalid-value spec.short maxLength']);
    assert.deepEqual(problems({ short: '😀😀' }), [], 'length counts code points');
  });

  it('checks list bounds and set/map uniqueness', () => {
    assert.deepEqual(problems({ tags: ['a', 'b', 'a'] }), ['invalid-value spec.tags.2 duplicate']);
    assert.deepEqual(problems({ tags: ['a', 'b', 'c', 'd'] }), ['invalid-value spec.tags maxItems']);
    assert.deepEqual(problems({ refs: [{ name: 'x' }, { name: 'z' }, { name: 'x' }] }), ['invalid-value spec.refs.2.name duplicate']);
    assert.deepEqual(problems({ refs: [{ name: '${A}' }, { name: '${A}' }] }), [], 'substituted keys are unknown');
    assert.deepEqual(problems({ refs: [{}] }), ['missing-required-field spec.refs.0 name']);
  });

  it('reports unknown fields except in open objects and maps', () => {
    assert.deepEqual(problems({ nope: 1 }), ['unknown-field spec.nope']);
    assert.deepEqual(problems({ free: { anything: { deep: 1 } }, embedded: { labels: {} }, labels: { any: 'x' } }), []);
    assert.deepEqual(problems({ labels: { any: 1 } }), ['invalid-value spec.labels.any type']);
  });

  it('treats null as absent and skips Flux substitutions', () => {
    assert.deepEqual(problems({ count: null, maybe: null, mode: '${MODE}', quantity: '${Q}' }), []);
    assert.deepEqual(validateValue(root, { spec: null }).map((p) => p.kind), ['missing-required-field']);
  });

  it('flags unquoted-looking YAML 1.1 booleans for the caller to confirm', () => {
    assert.deepEqual(problems({ flag: 'yes' }), ['invalid-value spec.flag yaml11-bool']);
    assert.deepEqual(problems({ mode: 'a', short: 'on' }), ['invalid-value spec.short yaml11-bool']);
    assert.deepEqual(problems({ flag: 'true' }), ['invalid-value spec.flag type']);
  });

  it('allows $patch directives only in patches, and never guesses around an unexpanded merge key', () => {
    assert.deepEqual(problems({ $patch: 'replace' }), ['unknown-field spec.$patch']);
    assert.deepEqual(problems({ $patch: 'replace' }, { patch: true }), []);
    assert.deepEqual(problems({ refs: [{ '<<': { name: 'x' } }] }), []);
  });

  it('stops at maxProblems', () => {
    const spec = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    assert.equal(validateValue(root, { spec }, { maxProblems: 10 }).length, 10);
  });
});

describe('generated schemas', () => {
  it('has every CNPG kind and the ObjectStore, not the Zalando postgresql', () => {
    const kinds = schemaKeys().map((k) => k.split('/').pop()).sort();
    assert.deepEqual(kinds, ['Backup', 'Cluster', 'ClusterImageCatalog', 'Database', 'ImageCatalog', 'ObjectStore', 'Pooler', 'Publication', 'ScheduledBackup', 'Subscription']);
  });

  it('drops required fields that have a default (Cluster spec.instances)', () => {
    const spec = schemaFor('postgresql.cnpg.io', 'v1', 'Cluster')!.root.properties!.get('spec')!;
    assert.ok(spec.properties!.has('instances'));
    assert.ok(!(spec.required ?? []).includes('instances'));
  });
});

/** Documents of the realistic pass fixtures, as plain values. */
function realisticDocuments(): { kind: string; value: Record<string, unknown> }[] {
  const dir = join(FIXTURES, 'unknown-field');
  return readdirSync(dir)
    .filter((n) => n.startsWith('pass-realistic'))
    .flatMap((n) => parseAllDocuments(readFileSync(join(dir, n), 'utf8')).map((d) => d.toJS() as Record<string, unknown>))
    .map((value) => ({ kind: String(value.kind), value }));
}

function schemaOf(doc: { kind: string; value: Record<string, unknown> }): SchemaNode {
  const [group, version] = String(doc.value.apiVersion).split('/');
  return schemaFor(group, version, doc.kind)!.root;
}

describe('validator sensitivity on the realistic manifests', () => {
  const docs = realisticDocuments();

  it('the realistic manifests are valid (a quoted "on" is only a candidate the rule dismisses)', () => {
    assert.ok(docs.length >= 10);
    for (const d of docs) assert.deepEqual(validateValue(schemaOf(d), d.value).filter((p) => p.reason !== 'yaml11-bool'), [], d.kind);
  });

  it('renaming any field of a closed object is reported at exactly that key', () => {
    let mutations = 0;
    for (const d of docs) {
      const schema = schemaOf(d);
      forEachObject(schema, d.value, [], (node, obj, path) => {
        if (!node.properties || node.additional !== undefined || node.open) return;
        for (const key of Object.keys(obj)) {
          const renamed = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === key ? `${k}Zz` : k, v]));
          const mutated = replaceAt(d.value, path, renamed);
          const unknown = validateValue(schema, mutated).filter((p) => p.kind === 'unknown-field').map((p) => p.path.join('.'));
          assert.deepEqual(unknown, [[...path, `${key}Zz`].join('.')]);
          mutations++;
        }
      });
    }
    assert.ok(mutations > 200, `${mutations} mutations`);
  });
});

type Visit = (node: SchemaNode, obj: Record<string, unknown>, path: (string | number)[]) => void;

function forEachObject(node: SchemaNode | true | undefined, value: unknown, path: (string | number)[], visit: Visit): void {
  if (!node || node === true || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => forEachObject(node.items, v, [...path, i], visit));
    return;
  }
  const obj = value as Record<string, unknown>;
  visit(node, obj, path);
  for (const [k, v] of Object.entries(obj)) forEachObject(node.properties?.get(k) ?? node.additional, v, [...path, k], visit);
}

function replaceAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const obj = root as Record<string, unknown>;
  return { ...obj, [head]: replaceAt(obj[head as string], rest, replacement) };
}
