// Drives one integration run in a real VS Code: code-server (VS Code 1.100.3) plus headless Chromium.
//
//   node scripts/run-vscode-tests.mjs compile
//   node scripts/run-vscode-tests.mjs dev [--screenshot out.png]
//   node scripts/run-vscode-tests.mjs installed --vsix dist-vsix/cnpg-tools-x.y.z.vsix
//
// code-server has no headless test mode: tests run when a browser workbench opens with the same
// `payload` query parameter VS Code's own browser integration tests use (extensionDevelopmentPath,
// extensionTestsPath). The suite's entry exports `run()` like an @vscode/test-electron suite; the
// workbench reports its console through `codeAutomationLog` and the result through
// `codeAutomationExit`, which this script exposes to the page. Tools come from the cache that
// scripts/vscode-test.sh fills (.vscode-test-offline/).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = resolve(process.env.VSCODE_TEST_TOOLS || join(ROOT, '.vscode-test-offline'));
const RESULTS = join(ROOT, 'test-results');
const OUT = join(ROOT, 'out', 'test');
const TIMEOUT_S = Number(process.env.VSCODE_TEST_TIMEOUT) || 300;

const [command, ...rest] = process.argv.slice(2);
const option = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};

// ---------------------------------------------------------------------------------------------
// Compiling the suite: each entry is bundled with its local imports; packages (mocha, vscode)
// stay external and resolve from the repository's node_modules at run time.

async function compile() {
  const esbuild = await import('esbuild');
  const entries = [join(ROOT, 'test', 'runElectron.ts'), ...tsFiles(join(ROOT, 'test', 'vscode'))];
  rmSync(join(OUT, 'vscode'), { recursive: true, force: true });
  // esbuild prints the errors itself; the stack trace of its exception adds nothing.
  await esbuild.build({
    entryPoints: entries,
    outbase: join(ROOT, 'test'),
    outdir: OUT,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  }).catch(() => fail('compiling the integration suite failed (errors above)'));
}

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'workspace' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The workspace the test VS Code opens: a throw-away copy, so edits never touch the repository.

function prepareWorkspace(runDir) {
  const ws = join(runDir, 'workspace');
  mkdirSync(ws, { recursive: true });
  cpSync(join(ROOT, 'test', 'vscode', 'workspace'), join(ws, 'fixtures'), { recursive: true });
  const examples = join(ROOT, 'examples');
  if (existsSync(examples) && readdirSync(examples).length > 0) cpSync(examples, join(ws, 'examples'), { recursive: true });
  return ws;
}

// ---------------------------------------------------------------------------------------------
// code-server

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Every code-server call writes under HOME and XDG dirs: keep them inside the run directory. */
function isolatedEnv(runDir) {
  const inherited = { ...process.env };
  delete inherited.KUBECONFIG;
  return {
    ...inherited,
    HOME: join(runDir, 'home'),
    XDG_CONFIG_HOME: join(runDir, 'home', '.config'),
    XDG_DATA_HOME: join(runDir, 'home', '.local', 'share'),
    XDG_CACHE_HOME: join(runDir, 'home', '.cache'),
    TMPDIR: join(runDir, 'tmp'),
    // No KUBECONFIG and an empty HOME: nothing in the test VS Code may find a real cluster.
  };
}

function codeServerBin() {
  const bin = join(TOOLS, 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) fail(`code-server is not installed in ${TOOLS}; run scripts/vscode-test.sh (it installs it).`);
  return bin;
}

function installVsix(vsix, env, dirs) {
  const r = spawnSync(codeServerBin(), ['--install-extension', vsix, '--extensions-dir', dirs.ext, '--user-data-dir', dirs.ud, '--force'], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) fail(`code-server --install-extension failed (exit ${r.status}):\n${text}`);
  console.log(`vscode-test: ${text.split('\n').filter((l) => /install/i.test(l)).pop() ?? `installed ${vsix}`}`);
}

async function startServer(env, dirs, logPath) {
  const port = await freePort();
  const log = openSync(logPath, 'a');
  const child = spawn(
    codeServerBin(),
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--user-data-dir', dirs.ud, '--extensions-dir', dirs.ext],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const exited = new Promise((res) => child.once('exit', (code) => res(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, sleep(200).then(() => 'running')]);
    if (early !== 'running') fail(`code-server exited early (code ${early}); see ${logPath}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) fail('code-server did not answer /healthz within 60 s');
  }
  return {
    url,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The browser side

async function launchBrowser() {
  const { chromium } = createRequire(join(TOOLS, 'package.json'))('playwright-core');
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!executablePath) fail('Chromium is not installed (apt-get install chromium); scripts/vscode-test.sh installs it.');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Workbench chatter that says nothing about the tests (kept in the failure log, not on the console).
const NOISE = [/^Resolv(ing|ed) connection token/, /^Creating a socket/, /^Creation of workbench contribution/, /^Updating additional builtin/,
  /^\[Service Worker\]/, /^ChatSessionStore/, /open-vsx\.org/, /^\s+at .*workbench\.js/];

/** Printed by test/vscode/suite/scene.ts when the final scene is arranged. */
const SCENE_READY = 'cnpg-vscode-test: scene ready';

/**
 * Opens the workbench with the test payload; resolves with mocha's exit code ('timeout' if none came).
 * `onScene` runs when the suite announces its final scene, while the extension host still runs.
 */
async function runInWorkbench(page, url, folder, payload, lines, onScene, marks) {
  let scene = Promise.resolve();
  const exit = new Promise((res) => {
    void page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...args);
      lines.push(line);
      if (line.trim() === SCENE_READY) scene = onScene();
      else if (!NOISE.some((re) => re.test(line))) console.log(line);
    });
    void page.exposeFunction('codeAutomationExit', (code) => res(code));
  });
  const target = `${url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  let timer;
  const timeout = new Promise((res) => {
    timer = setTimeout(() => res('timeout'), TIMEOUT_S * 1000);
  });
  await page.goto(target);
  marks.loaded = Date.now();
  const code = await Promise.race([exit, timeout]);
  marks.done = Date.now();
  clearTimeout(timer);
  await scene;
  return code;
}

/** The explorer must render as a real view: an activity-bar item and the container in the side bar. */
async function checkExplorerRendered(page) {
  await page.locator('.part.activitybar [aria-label^="CloudNativePG"]').first().waitFor({ state: 'visible', timeout: 15_000 });
  const title = await page.locator('.part.sidebar .composite.title').first().innerText();
  if (!/CloudNativePG/i.test(title)) throw new Error(`the side bar shows "${title}", not the CloudNativePG container`);
  const body = await page.locator('.part.sidebar').innerText();
  if (/no data provider registered/i.test(body)) throw new Error('the Clusters view has no data provider');
}

/** Drags the sash right of the side bar so the explorer's rows are readable in the picture. */
async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').first().boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  // Rest the pointer on the empty lower part of the side bar: no sash highlight, no tooltip.
  await page.mouse.move(box.x + 60, box.y + box.height - 30);
  await sleep(500);
}

// ---------------------------------------------------------------------------------------------

async function runSuite(mode) {
  const vsix = option('--vsix');
  const shot = option('--screenshot');
  if (mode === 'installed' && !vsix) fail('installed: --vsix <file> is required');
  await compile();
  const entry = join(OUT, 'vscode', mode === 'dev' ? 'suite' : 'installed', 'index.js');
  // Failure artifacts: test-results/vscode-failure.png, code-server.log and vscode-console.log for
  // the main run; the installed run adds "-installed" to each name.
  const suffix = mode === 'dev' ? '' : `-${mode}`;
  const artifact = {
    shot: join(RESULTS, `vscode-failure${suffix}.png`),
    log: join(RESULTS, `code-server${suffix}.log`),
    console: join(RESULTS, `vscode-console${suffix}.log`),
  };
  mkdirSync(RESULTS, { recursive: true });
  for (const f of Object.values(artifact)) rmSync(f, { force: true });

  const runDir = mkdtempSync(join(tmpdir(), 'cnpg-vscode-test-'));
  const dirs = { ud: join(runDir, 'user-data'), ext: join(runDir, 'extensions') };
  for (const d of [dirs.ud, dirs.ext, join(runDir, 'home'), join(runDir, 'tmp')]) mkdirSync(d, { recursive: true });
  const env = isolatedEnv(runDir);
  const sceneDone = join(runDir, 'scene-done');
  if (mode === 'dev') env.CNPG_VSCODE_TEST_SCENE_DONE = sceneDone;
  // For the README picture the explorer suite leaves its fake cluster listed (explorer.test.ts).
  if (shot) env.CNPG_EXPLORER_SCENE = '1';
  const logPath = join(runDir, 'code-server.log');
  const folder = prepareWorkspace(runDir);
  if (vsix) installVsix(resolve(vsix), env, dirs);

  const started = Date.now();
  const server = await startServer(env, dirs, logPath);
  const marks = { server: Date.now() };
  const host = new URL(server.url).host;
  // The installed run names a tiny stand-in development extension, so the workbench enters test
  // mode while cnpg-tools itself loads from the extensions dir (see test/vscode/installed/).
  const devPath = mode === 'dev' ? ROOT : join(ROOT, 'test', 'vscode', 'installed', 'host-extension');
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${devPath}`],
    ['extensionTestsPath', `vscode-remote://${host}${entry}`],
  ];
  const browser = await launchBrowser();
  const lines = [];
  let code;
  let uiError;
  let sceneSeen = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const onScene = async () => {
      sceneSeen = true;
      try {
        await sleep(2000); // let squiggles, tokens and the hover paint
        await checkExplorerRendered(page);
        if (shot) {
          await widenSideBar(page, 520);
          mkdirSync(dirname(resolve(shot)), { recursive: true });
          await page.screenshot({ path: shot });
          console.log(`vscode-test: screenshot saved to ${relative(ROOT, resolve(shot))}`);
        }
      } catch (err) {
        uiError = err;
        await page.screenshot({ path: artifact.shot }).catch(() => {});
      } finally {
        writeFileSync(sceneDone, 'done');
      }
    };
    code = await runInWorkbench(page, server.url, folder, payload, lines, onScene, marks);
    if (code === 0 && mode === 'dev' && !sceneSeen) uiError = new Error('the suite never announced its final scene');
    if (code !== 0) await page.screenshot({ path: artifact.shot }).catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  const ok = code === 0 && !uiError;
  if (!ok) {
    copyFileSync(logPath, artifact.log);
    writeFileSync(artifact.console, `${lines.join('\n')}\n`);
  }
  rmSync(runDir, { recursive: true, force: true });

  const count = (word) => Number(lines.map((l) => new RegExp(`^\\s*(\\d+) ${word}\\b`).exec(l)).find(Boolean)?.[1] ?? 0);
  const passing = count('passing');
  const failing = count('failing') + (uiError ? 1 : 0) + (code === 'timeout' ? 1 : 0);
  if (code === 'timeout') console.error(`vscode-test: ${mode} run timed out after ${TIMEOUT_S} s (VSCODE_TEST_TIMEOUT)`);
  if (uiError) console.error(`vscode-test: UI check failed: ${uiError.message}`);
  if (!ok) console.error(`vscode-test: failure screenshot and code-server log are in ${relative(ROOT, RESULTS)}/`);
  const secs = (t) => (t ? `${((t - started) / 1000).toFixed(1)} s` : '-');
  console.log(`vscode-test: ${mode} timeline: code-server up ${secs(marks.server)}, workbench loaded ${secs(marks.loaded)}, suite done ${secs(marks.done)}`);
  console.log(`vscode-test: ${mode}: ${passing} passing, ${failing} failing (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(ok ? 0 : typeof code === 'number' && code !== 0 ? code : 1);
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function fail(message) {
  console.error(`vscode-test: ${message}`);
  process.exit(1);
}

if (command === 'compile') await compile();
else if (command === 'dev' || command === 'installed') await runSuite(command);
else fail(`unknown command "${command ?? ''}"; use compile, dev or installed`);
