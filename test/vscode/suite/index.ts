// Entry of the main integration suite (extension loaded from the source tree).
import { runMochaIn } from '../runner';
import { arrangeScene, handOverScene } from './scene';

export async function run(): Promise<void> {
  try {
    await runMochaIn(__dirname);
  } finally {
    // The extension host exits as soon as run() settles, taking the language server and its
    // diagnostics with it; so the final scene is arranged and handed to the harness (UI checks,
    // the README screenshot) while everything still runs.
    await arrangeScene().catch((err) => console.log(`Could not arrange the final scene: ${String(err)}`));
    await handOverScene();
  }
}
