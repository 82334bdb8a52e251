// Entry of the smoke suite for the packaged extension: cnpg-tools is installed from the .vsix into
// the test VS Code's extensions folder, and the development extension is only a stand-in.
import { runMochaIn } from '../runner';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
