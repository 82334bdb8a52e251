// Builds the production bundles and packages the extension into dist-vsix/cnpg-tools-<version>.vsix,
// then checks that the package holds exactly what it should (see .vscodeignore): the three bundles,
// media, snippets, syntaxes, README, CHANGELOG, LICENSE and package.json. Anything else fails.
//
//   node scripts/package.mjs [--print-path]     (--print-path: last output line is the .vsix path)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSIX = join(ROOT, 'dist-vsix', `${pkg.name}-${pkg.version}.vsix`);
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** What may be in the package; the first four must be. */
const REQUIRED = ['package.json', 'dist/extension.js', 'dist/kube.js', 'dist/server.js', 'dist/cli.js'];
const ALLOWED = [/^package\.json$/, /^dist\/(extension|kube|server|cli)\.js$/, /^media\//, /^snippets\//, /^syntaxes\//, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE(\.txt)?$/];

/**
 * vsce rewrites the README's relative links and images to absolute ones; it guesses the base only
 * for GitHub/GitLab repositories, so give it the repository from package.json explicitly.
 */
function baseUrls() {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!url) return [];
  const base = url.replace(/^git\+/, '').replace(/\.git$/, '');
  return ['--baseContentUrl', `${base}/blob/HEAD`, '--baseImagesUrl', `${base}/raw/HEAD`];
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (r.error) throw r.error;
  return r;
}

class PackageError extends Error {}

function fail(message) {
  throw new PackageError(message);
}

function step(cmd, args) {
  const r = run(cmd, args);
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0) fail(`${[cmd, ...args].join(' ')} failed (exit ${r.status}):\n${out}`);
  return out;
}

// README and CHANGELOG are written by hand; stand-ins only so a fresh checkout can still package.
const standIns = [];
for (const [file, text] of [
  ['README.md', `# ${pkg.displayName}\n\n${pkg.description}\n`],
  ['CHANGELOG.md', `# Changelog\n\n## ${pkg.version}\n\n- First release.\n`],
]) {
  if (!existsSync(join(ROOT, file))) {
    writeFileSync(join(ROOT, file), text);
    standIns.push(file);
  }
}

try {
  console.log(step(process.execPath, ['scripts/build.mjs', '--production']));
  // ESLint stops direct imports of vscode in src/server and src/cli; this also catches indirect
  // ones (a server module importing an extension module): the bundles must run outside VS Code.
  for (const bundle of ['dist/server.js', 'dist/cli.js', 'dist/kube.js']) {
    if (/require\(["']vscode["']\)/.test(readFileSync(join(ROOT, bundle), 'utf8'))) fail(`${bundle} requires the vscode module; only dist/extension.js may`);
  }
  mkdirSync(dirname(VSIX), { recursive: true });
  rmSync(VSIX, { force: true });
  const packed = step(process.execPath, [VSCE, 'package', '--no-dependencies', ...baseUrls(), '--out', VSIX]);
  console.log(packed.split('\n').filter((l) => !/nodedir/.test(l)).join('\n'));

  const listed = step(process.execPath, [VSCE, 'ls', '--no-dependencies'])
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^npm warn/i.test(l));
  const unexpected = listed.filter((f) => !ALLOWED.some((re) => re.test(f)));
  const missing = REQUIRED.filter((f) => !listed.includes(f));
  if (unexpected.length > 0) fail(`unexpected files in the package (fix .vscodeignore):\n  ${unexpected.join('\n  ')}`);
  if (missing.length > 0) fail(`files missing from the package:\n  ${missing.join('\n  ')}`);
  if (!existsSync(VSIX)) fail(`vsce reported success but ${VSIX} does not exist`);

  const kib = (p) => `${(statSync(join(ROOT, p)).size / 1024).toFixed(0)} KiB`;
  console.log(`package: ${relative(ROOT, VSIX)} (${kib(relative(ROOT, VSIX))}), ${listed.length} files:`);
  for (const f of listed) console.log(`  ${f}${existsSync(join(ROOT, f)) ? ` (${kib(f)})` : ''}`);
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  console.error(`package: ${err.message}`);
  rmSync(VSIX, { force: true }); // never leave a package that failed its checks
  process.exitCode = 1;
} finally {
  for (const f of standIns) rmSync(join(ROOT, f), { force: true });
}
if (process.exitCode !== 1 && process.argv.includes('--print-path')) console.log(VSIX);
