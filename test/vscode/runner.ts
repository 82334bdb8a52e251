// Runs the mocha files next to a suite entry inside the extension host. Both entries export
// `run()`, the contract @vscode/test-electron and code-server's browser test mode call.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function runMochaIn(dir: string): Promise<void> {
  // No colours: the output travels through the workbench log into a plain console.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 5_000 });
  for (const name of readdirSync(dir).sort()) if (name.endsWith('.test.js')) mocha.addFile(join(dir, name));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
