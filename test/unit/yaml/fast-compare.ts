// Compares the fast reader with the yaml package on one document piece (a helper of the fast*.test.ts files).
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { fastRead, type FastNode } from '../../../src/core/yaml/fast';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Comparison {
  /** The fast reader read the piece. */
  fast: boolean;
  /** Disagreements with yaml (empty when it agrees or fell back). */
  problems: string[];
}

export function compareWithYaml(text: string): Comparison {
  const fast = fastRead(text);
  if (!fast) return { fast: false, problems: [] };
  const problems: string[] = [];
  const doc = parseDocument(text, { uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) return { fast: true, problems: [`yaml reports errors: ${doc.errors[0].message.split('\n')[0]}`] };
  if (!isDeepStrictEqual(fast.value, doc.toJS())) {
    problems.push(`value differs: fast ${JSON.stringify(fast.value)} yaml ${JSON.stringify(doc.toJS())}`);
  }
  walk(doc.contents as Node, fast.root, '$', problems);
  return { fast: true, problems };
}

function walk(node: Node, f: FastNode, path: string, problems: string[]): void {
  const range = node.range!;
  if (range[0] !== f.start || range[1] !== f.end) problems.push(`${path}: range yaml [${range[0]}, ${range[1]}] fast [${f.start}, ${f.end}]`);
  if (isMap(node)) {
    if (f.kind !== 'map') return void problems.push(`${path}: yaml map, fast ${f.kind}`);
    const entries = f.entries();
    if (entries.length !== node.items.length) return void problems.push(`${path}: ${node.items.length} pairs, fast ${entries.length}`);
    node.items.forEach((pair, i) => {
      const e = entries[i];
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : '?';
      if (name !== e.key) problems.push(`${path}: key ${i} yaml ${name} fast ${e.key}`);
      if (key.range![0] !== e.keyStart || key.range![1] !== e.keyEnd) {
        problems.push(`${path}.${name}: key range yaml [${key.range![0]}, ${key.range![1]}] fast [${e.keyStart}, ${e.keyEnd}]`);
      }
      walk(pair.value as Node, e.value, `${path}.${name}`, problems);
    });
  } else if (isSeq(node)) {
    if (f.kind !== 'seq') return void problems.push(`${path}: yaml seq, fast ${f.kind}`);
    const items = f.items();
    if (items.length !== node.items.length) return void problems.push(`${path}: ${node.items.length} items, fast ${items.length}`);
    node.items.forEach((item, i) => walk(item as Node, items[i], `${path}[${i}]`, problems));
  } else if (isScalar(node)) {
    if (f.kind !== 'scalar') return void problems.push(`${path}: yaml scalar, fast ${f.kind}`);
    if ((node.type === 'PLAIN') !== f.plain) problems.push(`${path}: yaml ${node.type}, fast plain=${f.plain}`);
  } else {
    problems.push(`${path}: unexpected node`);
  }
}

/** Every .yaml / .yml file below a folder. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}
