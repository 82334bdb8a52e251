// Hints for an unknown field: known misplacements, comments that lost their `#`, typos of a
// sibling field, and fields that exist one level up or down.
import type { Resource } from '../../model/resource';
import { schemaAt, type KindSchema, type SchemaNode } from '../../schema/compile';
import type { PathSegment } from '../../yaml/parse';
import { closest, formatPath } from './shared';

export interface UnknownFieldHint {
  text: string;
  /** A sibling field name the key is most likely a typo of (offered as a rename). */
  rename?: string;
}

interface Misplacement {
  kind: string;
  parent: string;
  key: string;
  text: string;
}

/** Mistakes seen in real manifests, with the wording that explains them best. */
const KNOWN_MISPLACEMENTS: readonly Misplacement[] = [
  {
    kind: 'Cluster',
    parent: 'spec',
    key: 'tolerations',
    text: 'A Cluster takes tolerations in `spec.affinity.tolerations` (cnpg-facts.md §c rule 25); move the list there.',
  },
  {
    kind: 'ObjectStore',
    parent: 'spec.configuration',
    key: 'retentionPolicy',
    text: 'An ObjectStore keeps `retentionPolicy` at spec level, beside `configuration`: move it to `spec.retentionPolicy`.',
  },
];

const COMMENT_LIKE = /\s|^\/\/|^#|^--/;

export function unknownFieldHint(resource: Resource, schema: KindSchema, path: readonly PathSegment[], holder: SchemaNode): UnknownFieldHint | undefined {
  const key = String(path[path.length - 1]);
  const parentPath = path.slice(0, -1);
  const parent = formatPath(parentPath);
  const known = KNOWN_MISPLACEMENTS.find((m) => m.kind === resource.kind && m.parent === parent && m.key === key);
  if (known) return { text: known.text };
  if (COMMENT_LIKE.test(key)) {
    return { text: 'It looks like a comment that lost its `#`: start the line with `# ` or delete it.' };
  }
  const siblings = holder.properties ? [...holder.properties.keys()] : [];
  const typo = closest(key, siblings);
  if (typo) return { text: `Did you mean \`${typo}\`?`, rename: typo };
  const below = fieldsBelow(holder, key, parentPath);
  if (below.length > 0 && below.length <= 2) {
    return { text: `\`${key}\` is a field of ${below.map((p) => `\`${p}\``).join(' and ')}: move it there.` };
  }
  const above = fieldAbove(schema, parentPath, key);
  if (above) return { text: `\`${key}\` belongs one level up: \`${above}\`.` };
  return undefined;
}

/** `spec.affinity.tolerations` for `tolerations` found under spec: the key exists in a child object. */
function fieldsBelow(holder: SchemaNode, key: string, parentPath: readonly PathSegment[]): string[] {
  const out: string[] = [];
  for (const [name, child] of holder.properties ?? []) {
    const object = child.type === 'array' ? child.items : child;
    if (object?.properties?.has(key)) out.push(`${formatPath([...parentPath, name])}${child.type === 'array' ? '[]' : ''}`);
  }
  return out;
}

/** The key exists in the object that holds the parent (a list item's parent is the list's holder). */
function fieldAbove(schema: KindSchema, parentPath: readonly PathSegment[], key: string): string | undefined {
  const grandPath = parentPath.slice();
  while (grandPath.length > 0 && typeof grandPath[grandPath.length - 1] === 'number') grandPath.pop();
  if (grandPath.length === 0) return undefined;
  grandPath.pop();
  const grand = schemaAt(schema.root, grandPath);
  return grand?.properties?.has(key) ? formatPath([...grandPath, key]) : undefined;
}
