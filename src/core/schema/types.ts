// Shapes of the generated schema files (scripts/gen-schemas.mjs writes them from the CRDs).

/** Scalar types of a structural schema. */
export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/**
 * One node of a compact schema: the CRD's OpenAPI v3 node without descriptions, defaults, formats
 * and CEL rules, with the Kubernetes extensions renamed. `{$ref: n}` points at `defs[n]`.
 */
export interface CompactNode {
  $ref?: number;
  type?: SchemaType;
  properties?: Record<string, CompactNode>;
  required?: string[];
  additionalProperties?: CompactNode | boolean;
  items?: CompactNode;
  enum?: (string | number | boolean | null)[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  /** x-kubernetes-int-or-string */
  intOrString?: boolean;
  /** x-kubernetes-preserve-unknown-fields */
  preserveUnknownFields?: boolean;
  /** x-kubernetes-list-type: atomic, set or map */
  listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys */
  listMapKeys?: string[];
}

export interface CompactSchemaFile {
  group: string;
  version: string;
  kind: string;
  /** The CRD file it came from, under the shared crds/ folder. */
  source: string;
  defs: CompactNode[];
  root: CompactNode;
}

/** A node of the description tree (same shape as the schema). */
export interface DescriptionNode {
  $ref?: number;
  description?: string;
  properties?: Record<string, DescriptionNode>;
  items?: DescriptionNode;
  additionalProperties?: DescriptionNode;
}

export interface DescriptionFile {
  defs: DescriptionNode[];
  root: DescriptionNode;
}
