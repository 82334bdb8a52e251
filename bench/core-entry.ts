// What the benchmark bundles (with esbuild, like the CLI) to time the core in-process.
export { lintSources } from '../src/core/lint';
export { parseYamlFile } from '../src/core/yaml/parse';
export { parseAllDocuments } from 'yaml';
