// One JSON Schema for a multi-kind manifest stream, for yaml-language-server.
// yaml-language-server validates every document of a file against the schema mapped to the file,
// so the per-kind schemas of bench/schemas/ are combined: `allOf` of `if {apiVersion, kind} then
// {$ref: that kind's schema}`. Each document is checked against exactly its own kind's schema;
// the dispatch costs one pair of `const` checks per kind, which is small next to validating a
// Cluster. Each kind's `definitions` are inlined under a prefix so the file has no external refs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function combinedSchema(schemaDir) {
  const index = JSON.parse(readFileSync(join(schemaDir, 'index.json'), 'utf8'));
  const definitions = {};
  const allOf = [];
  for (const [gvk, file] of Object.entries(index)) {
    const [group, version, kind] = gvk.split('/');
    const prefix = `${kind}_${group.split('.')[0]}`;
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    const { definitions: defs = {}, ...root } = schema;
    delete root.$schema;
    delete root.$id;
    const rewrite = (node) => JSON.parse(JSON.stringify(node).replace(/"#\/definitions\/([^"]+)"/g, `"#/definitions/${prefix}__$1"`));
    for (const [name, def] of Object.entries(defs)) definitions[`${prefix}__${name}`] = rewrite(def);
    definitions[prefix] = rewrite(root);
    allOf.push({
      if: { properties: { apiVersion: { const: `${group}/${version}` }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${prefix}` },
    });
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'CloudNativePG resources (benchmark)', allOf, definitions };
}
