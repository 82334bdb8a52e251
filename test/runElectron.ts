// Runs the integration suite (test/vscode/suite) in desktop VS Code through @vscode/test-electron.
//
// @vscode/test-electron downloads VS Code from update.code.visualstudio.com on first use. Where that
// host is unreachable (as on offline CI), this stops early with a clear message: use
// `npm run test:vscode` instead, which runs the same suite in code-server. With a VS Code already on
// disk, set VSCODE_EXECUTABLE=/path/to/code and nothing is downloaded.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com/api/releases/stable';

async function reachable(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return res.status < 500;
  } catch {
    return false;
  }
}

/** A throw-away copy of the fixtures (and examples/), as scripts/run-vscode-tests.mjs prepares. */
function prepareWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'cnpg-electron-ws-'));
  cpSync(join(ROOT, 'test', 'vscode', 'workspace'), join(ws, 'fixtures'), { recursive: true });
  const examples = join(ROOT, 'examples');
  if (existsSync(examples) && readdirSync(examples).length > 0) cpSync(examples, join(ws, 'examples'), { recursive: true });
  return ws;
}

async function main(): Promise<number> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
    console.error('test:electron: dist/extension.js is missing; run `node scripts/build.mjs` first.');
    return 1;
  }
  const extensionTestsPath = join(ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');
  if (!existsSync(extensionTestsPath)) {
    console.error('test:electron: the suite is not compiled; run `bash scripts/vscode-test.sh --compile-only` first.');
    return 1;
  }
  if (!vscodeExecutablePath && !(await reachable(DOWNLOAD_HOST, 8000))) {
    console.error(
      [
        'test:electron: cannot reach update.code.visualstudio.com, so @vscode/test-electron cannot download VS Code.',
        'Offline, run the same suite in a real VS Code with `npm run test:vscode` (code-server + Chromium, no download),',
        'or point VSCODE_EXECUTABLE at an installed VS Code binary.',
      ].join('\n'),
    );
    return 1;
  }
  const workspace = prepareWorkspace();
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (err) {
    console.error(`test:electron: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
