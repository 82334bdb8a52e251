// Turns a generated compact schema into linked runtime nodes once per kind: shared subtrees stay
// shared, patterns become RegExps, enums become Sets, so validation allocates nothing per document.
import type { PathSegment } from '../yaml/parse';
import { GENERATED_SCHEMAS } from './generated';
import type { CompactNode, CompactSchemaFile, SchemaType } from './types';

export interface SchemaNode {
  type: SchemaType | undefined;
  intOrString: boolean;
  /** x-kubernetes-preserve-unknown-fields, or an object schema that lists no fields at all. */
  open: boolean;
  nullable: boolean;
  properties: Map<string, SchemaNode> | undefined;
  required: readonly string[] | undefined;
  /** Schema of map values (additionalProperties), `true` for anything. */
  additional: SchemaNode | true | undefined;
  items: SchemaNode | undefined;
  enumValues: ReadonlySet<unknown> | undefined;
  enumList: readonly unknown[] | undefined;
  pattern: RegExp | undefined;
  patternSource: string | undefined;
  minimum: number | undefined;
  maximum: number | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  minItems: number | undefined;
  maxItems: number | undefined;
  listType: 'atomic' | 'set' | 'map' | undefined;
  listMapKeys: readonly string[] | undefined;
}

export interface KindSchema {
  group: string;
  version: string;
  kind: string;
  source: string;
  root: SchemaNode;
}

export function compileSchemaFile(file: CompactSchemaFile): KindSchema {
  const defs = new Map<number, SchemaNode>();
  const build = (n: CompactNode): SchemaNode => {
    if (n.$ref !== undefined) {
      let shared = defs.get(n.$ref);
      if (!shared) {
        shared = build(file.defs[n.$ref]);
        defs.set(n.$ref, shared);
      }
      return shared;
    }
    const properties = n.properties ? new Map(Object.entries(n.properties).map(([k, v]) => [k, build(v)] as const)) : undefined;
    const additional = typeof n.additionalProperties === 'object' ? build(n.additionalProperties) : n.additionalProperties === true ? true : undefined;
    return {
      type: n.type,
      intOrString: n.intOrString === true,
      // A structural object with neither fields nor a value schema (an embedded ObjectMeta, for
      // instance) is treated as open: reporting its content would be a guess.
      open: n.preserveUnknownFields === true || (n.type === 'object' && !properties && additional === undefined),
      nullable: n.nullable === true,
      properties,
      required: n.required && n.required.length > 0 ? n.required : undefined,
      additional,
      items: n.items ? build(n.items) : undefined,
      enumValues: n.enum ? new Set(n.enum) : undefined,
      enumList: n.enum,
      pattern: compilePattern(n.pattern),
      patternSource: n.pattern,
      minimum: n.minimum,
      maximum: n.maximum,
      minLength: n.minLength,
      maxLength: n.maxLength,
      minItems: n.minItems,
      maxItems: n.maxItems,
      listType: n.listType,
      listMapKeys: n.listMapKeys,
    };
  };
  return { group: file.group, version: file.version, kind: file.kind, source: file.source, root: build(file.root) };
}

/** CRD patterns are Go (RE2) syntax; one JavaScript cannot read is skipped rather than guessed at. */
function compilePattern(source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

const compiled = new Map<string, KindSchema | null>();

/** The compiled schema of `group/version/Kind`, or undefined when there is none (compiled on first use). */
export function schemaFor(group: string, version: string, kind: string): KindSchema | undefined {
  const key = `${group}/${version}/${kind}`;
  let entry = compiled.get(key);
  if (entry === undefined) {
    const file = GENERATED_SCHEMAS[key];
    entry = file ? compileSchemaFile(file) : null;
    compiled.set(key, entry);
  }
  return entry ?? undefined;
}

/** Every `group/version/Kind` with a schema. */
export function schemaKeys(): string[] {
  return Object.keys(GENERATED_SCHEMAS);
}

/** The schema node at a path of a value (map keys through properties or map values, indexes through items). */
export function schemaAt(root: SchemaNode, path: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = node.items;
    else {
      const child: SchemaNode | true | undefined = node.properties?.get(segment) ?? node.additional;
      node = child === true ? undefined : child;
    }
  }
  return node;
}
