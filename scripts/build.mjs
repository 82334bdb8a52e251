// Bundles the three entry points with esbuild. Type checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // client-node's optional ws native helpers are not needed in the bundle.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

const entries = [
  // src/kube is its own bundle, loaded when the explorer first needs it (src/extension/explorer/loadKube.ts).
  { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', define: { ...common.define, __KUBE_BUNDLE__: 'true' } },
  { entryPoints: ['src/kube/index.ts'], outfile: 'dist/kube.js' },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  console.log(`esbuild: built ${entries.map((e) => e.outfile).join(', ')}`);
}
