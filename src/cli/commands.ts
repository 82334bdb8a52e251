// Sub-commands besides `lint`: migrations and generators (issue 4) register here.
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[], out: (s: string) => void, err: (s: string) => void): number;
}

import { migrateCommand } from './migrate';
import { generateCommand } from './generate';

export const commands: CliCommand[] = [migrateCommand, generateCommand];
