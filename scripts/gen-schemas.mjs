// Turns the CRD manifests (CNPG and the Barman Cloud plugin's ObjectStore) into:
//  - src/core/schema/generated/<group>_<kind>_<version>.json: compact schemas for the linter's own
//    validator (no descriptions, no defaults, repeated subtrees shared through `defs`), committed so
//    builds never need the CRD folder;
//  - src/core/schema/generated/descriptions/<group>_<kind>_<version>.json: first paragraph of each
//    field's description, in the schema's shape, for hovers;
//  - src/core/schema/generated/index.ts: the static imports of the above;
//  - bench/schemas/<group>_<kind>_<version>.json: the same schemas as standard JSON Schema
//    (Kubernetes extensions translated) for yaml-language-server in the benchmark.
//
// Usage: node scripts/gen-schemas.mjs [--out <repo root>]   (CRDs from CNPG_CRDS_DIR or ../shared/crds)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outRoot = outArg === -1 ? repo : resolve(process.argv[outArg + 1]);
const crdDir = resolve(process.env.CNPG_CRDS_DIR ?? join(repo, '..', 'shared', 'crds'));

/** Only these groups; the Zalando `postgresql` CRD is another operator's business. */
const GROUPS = new Set(['postgresql.cnpg.io', 'barmancloud.cnpg.io']);

/** Keywords the validator understands; anything else in a CRD stops the script so nothing is silently ignored. */
const KEPT = new Set(['type', 'properties', 'required', 'items', 'additionalProperties', 'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'nullable']);
const DROPPED = new Set(['description', 'default', 'format', 'x-kubernetes-validations', 'x-kubernetes-map-type', 'example', 'title']);
const RENAMED = {
  'x-kubernetes-int-or-string': 'intOrString',
  'x-kubernetes-preserve-unknown-fields': 'preserveUnknownFields',
  'x-kubernetes-list-type': 'listType',
  'x-kubernetes-list-map-keys': 'listMapKeys',
};

/**
 * Kubernetes ObjectMeta as the API server reads it for custom resources (the CRDs only say
 * `metadata: {type: object}`). Unknown keys here are dropped or rejected like any other.
 */
const OBJECT_META = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    selfLink: { type: 'string' },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string' },
    deletionTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          uid: { type: 'string' },
          controller: { type: 'boolean' },
          blockOwnerDeletion: { type: 'boolean' },
        },
      },
    },
    finalizers: { type: 'array', items: { type: 'string' } },
    managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
  },
};

/** CRD schema node -> compact node (keywords filtered, int-or-string's anyOf folded into a flag). */
function compact(node, where) {
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    if (key === 'anyOf') {
      const types = value.map((v) => v.type).sort().join(',');
      if (!node['x-kubernetes-int-or-string'] || types !== 'integer,string') throw new Error(`${where}: unsupported anyOf ${JSON.stringify(value)}`);
      continue;
    }
    if (key in RENAMED) {
      out[RENAMED[key]] = value;
      continue;
    }
    if (!KEPT.has(key)) throw new Error(`${where}: unsupported keyword "${key}"; teach src/core/schema/validate.ts and this script about it`);
    if (key === 'properties') {
      out.properties = {};
      for (const [name, sub] of Object.entries(value)) out.properties[name] = compact(sub, `${where}.${name}`);
    } else if (key === 'items') {
      out.items = compact(value, `${where}[]`);
    } else if (key === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : compact(value, `${where}{}`);
    } else if (key === 'required') {
      // The API server applies defaults before validating, so a required field with a default is never missing.
      const required = value.filter((name) => node.properties?.[name]?.default === undefined);
      if (required.length > 0) out.required = required;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Shares every subtree that repeats and is big enough to matter (Pod templates repeat a lot). */
function dedupe(root) {
  const MIN_SIZE = 200;
  const counts = new Map();
  const keyOf = new Map();
  const count = (n) => {
    if (!n || typeof n !== 'object' || Array.isArray(n)) return;
    for (const sub of children(n)) count(sub);
    const key = JSON.stringify(n);
    keyOf.set(n, key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  count(root);
  const defs = [];
  const defIndex = new Map();
  const rewrite = (n, allowRef) => {
    const key = keyOf.get(n);
    if (allowRef && key.length >= MIN_SIZE && counts.get(key) > 1) {
      if (!defIndex.has(key)) {
        defIndex.set(key, defs.length);
        defs.push(null);
        defs[defIndex.get(key)] = rewrite(n, false);
      }
      return { $ref: defIndex.get(key) };
    }
    const out = { ...n };
    if (n.properties) out.properties = Object.fromEntries(Object.entries(n.properties).map(([k, v]) => [k, rewrite(v, true)]));
    if (n.items) out.items = rewrite(n.items, true);
    if (n.additionalProperties && typeof n.additionalProperties === 'object') out.additionalProperties = rewrite(n.additionalProperties, true);
    return out;
  };
  const result = rewrite(root, false);
  return { defs, root: result };
}

function children(n) {
  const out = Object.values(n.properties ?? {});
  if (n.items) out.push(n.items);
  if (n.additionalProperties && typeof n.additionalProperties === 'object') out.push(n.additionalProperties);
  return out;
}

/** Compact node -> standard JSON Schema (draft-07) as yaml-language-server reads it. */
function standard(n) {
  if (n.$ref !== undefined) return { $ref: `#/definitions/d${n.$ref}` };
  const out = {};
  if (n.intOrString) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  else if (n.type) out.type = n.nullable ? [n.type, 'null'] : n.type;
  for (const k of ['required', 'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) if (n[k] !== undefined) out[k] = n[k];
  if (n.listType === 'set') out.uniqueItems = true;
  if (n.properties) out.properties = Object.fromEntries(Object.entries(n.properties).map(([k, v]) => [k, standard(v)]));
  if (n.items) out.items = standard(n.items);
  if (n.additionalProperties && typeof n.additionalProperties === 'object') out.additionalProperties = standard(n.additionalProperties);
  else if (n.preserveUnknownFields || n.additionalProperties === true) out.additionalProperties = true;
  else if (n.properties) out.additionalProperties = false;
  return out;
}

/**
 * The description tree: the first paragraph of every field's description, in the same shape as the
 * schema (`properties`, `items`, `additionalProperties`), so repeated subtrees share one copy too.
 */
function descriptionTree(node) {
  const out = {};
  if (typeof node.description === 'string') {
    const first = node.description.split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
    out.description = first.length > 300 ? `${first.slice(0, 297)}...` : first;
  }
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, descriptionTree(v)]));
  if (node.items) out.items = descriptionTree(node.items);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.additionalProperties = descriptionTree(node.additionalProperties);
  return out;
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const generatedDir = join(outRoot, 'src', 'core', 'schema', 'generated');
const benchDir = join(outRoot, 'bench', 'schemas');
rmSync(generatedDir, { recursive: true, force: true });
mkdirSync(benchDir, { recursive: true });
for (const f of readdirSync(benchDir)) if (f.endsWith('.json')) rmSync(join(benchDir, f));

const entries = [];
for (const file of readdirSync(crdDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const crd = parse(readFileSync(join(crdDir, file), 'utf8'));
  if (crd?.kind !== 'CustomResourceDefinition' || !GROUPS.has(crd.spec.group)) continue;
  const { group, names } = crd.spec;
  for (const version of crd.spec.versions) {
    const schema = version.schema?.openAPIV3Schema;
    if (!schema) continue;
    const base = `${group}_${names.kind}_${version.name}`;
    const root = compact(schema, `${file} ${version.name}`);
    root.properties.metadata = compact(OBJECT_META, 'ObjectMeta');
    const { defs, root: shared } = dedupe(root);
    const out = { group, version: version.name, kind: names.kind, source: `crds/${file}`, defs, root: shared };
    write(join(generatedDir, `${base}.json`), `${JSON.stringify(out)}\n`);
    write(join(generatedDir, 'descriptions', `${base}.json`), `${JSON.stringify(dedupe(descriptionTree(schema)))}\n`);
    const std = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `https://cnpg-tools.invalid/schemas/${base}.json`,
      title: `${names.kind} (${group}/${version.name})`,
      ...standard(shared),
      definitions: Object.fromEntries(defs.map((d, i) => [`d${i}`, standard(d)])),
    };
    write(join(benchDir, `${base}.json`), `${JSON.stringify(std)}\n`);
    entries.push({ base, group, version: version.name, kind: names.kind, ident: `${names.kind}_${version.name}`.replace(/[^\w]/g, '_') });
  }
}
if (entries.length === 0) throw new Error(`no CNPG CRDs found in ${crdDir}`);

const index = [
  '// Generated by scripts/gen-schemas.mjs from the CRDs listed in ../shared/crds/SOURCES.md. Do not edit.',
  "import type { CompactSchemaFile } from '../types';",
  ...entries.map((e) => `import ${e.ident} from './${e.base}.json';`),
  '',
  '/** Compact schemas by `group/version/Kind`. */',
  'export const GENERATED_SCHEMAS: Record<string, CompactSchemaFile> = {',
  ...entries.map((e) => `  '${e.group}/${e.version}/${e.kind}': ${e.ident} as CompactSchemaFile,`),
  '};',
  '',
].join('\n');
write(join(generatedDir, 'index.ts'), index);

const descIndex = [
  '// Generated by scripts/gen-schemas.mjs. Field descriptions (first paragraph) in the shape of the schema. Do not edit.',
  ...entries.map((e) => `import ${e.ident} from './${e.base}.json';`),
  '',
  "import type { DescriptionFile } from '../../types';",
  'export const GENERATED_DESCRIPTIONS: Record<string, DescriptionFile> = {',
  ...entries.map((e) => `  '${e.group}/${e.version}/${e.kind}': ${e.ident} as DescriptionFile,`),
  '};',
  '',
].join('\n');
write(join(generatedDir, 'descriptions', 'index.ts'), descIndex);

const benchIndex = Object.fromEntries(entries.map((e) => [`${e.group}/${e.version}/${e.kind}`, `${e.base}.json`]));
write(join(benchDir, 'index.json'), `${JSON.stringify(benchIndex, null, 2)}\n`);
console.log(`gen-schemas: ${entries.length} schemas from ${crdDir}`);
