// `cnpg-tools`: the linter, migrations and generators from the command line.
import { runLint, LINT_HELP } from './lint';
import { UsageError } from './files';
import { commands } from './commands';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const HELP = `cnpg-tools ${VERSION}: CloudNativePG backup and migration tooling

Usage:
  cnpg-tools lint [PATH...]            check manifests (see: cnpg-tools lint --help)
${commands.map((c) => `  cnpg-tools ${c.usage.padEnd(28)} ${c.summary}`).join('\n')}
  cnpg-tools --version | --help

Exit status: 0 success, 1 lint errors, 2 usage or I/O error, 3 a migration refused to guess.`;

export function main(argv: string[], out = (s: string) => process.stdout.write(s + '\n'), err = (s: string) => process.stderr.write(s + '\n')): number {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      out(HELP);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      out(VERSION);
      return 0;
    }
    if (command === 'lint') return runLint(rest, out, err, VERSION);
    const sub = commands.find((c) => c.name === command);
    if (sub) return sub.run(rest, out, err);
    err(`cnpg-tools: unknown command "${command}".\n\n${HELP}`);
    return 2;
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))) {
      err(`cnpg-tools: ${e.message}`);
      return 2;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code)) {
      err(`cnpg-tools: ${(e as Error).message}`);
      return 2;
    }
    err(`cnpg-tools: internal error: ${e instanceof Error ? e.message : String(e)}. Please report it with the command you ran.`);
    return 2;
  }
}

export { LINT_HELP };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
