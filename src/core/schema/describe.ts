// Field descriptions from the CRDs, for hovers. Kept apart from the validator so that only code that
// shows descriptions pulls the (larger) description files into its bundle.
import type { PathSegment } from '../yaml/parse';
import { GENERATED_DESCRIPTIONS } from './generated/descriptions';
import type { DescriptionFile, DescriptionNode } from './types';

/** First paragraph of the CRD's description of the field at a path, or undefined. */
export function fieldDescription(group: string, version: string, kind: string, path: readonly PathSegment[]): string | undefined {
  const file: DescriptionFile | undefined = GENERATED_DESCRIPTIONS[`${group}/${version}/${kind}`];
  if (!file) return undefined;
  const resolve = (n: DescriptionNode | undefined) => (n?.$ref !== undefined ? file.defs[n.$ref] : n);
  let node = resolve(file.root);
  for (const segment of path) {
    if (!node) return undefined;
    const own = typeof segment === 'string' && node.properties && Object.prototype.hasOwnProperty.call(node.properties, segment);
    node = resolve(typeof segment === 'number' ? node.items : own ? node.properties![segment] : node.additionalProperties);
  }
  return node?.description;
}
