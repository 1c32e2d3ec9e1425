import { readFileSync } from 'node:fs';
import { runCommand, USAGE_ERROR_EXIT_CODE, type RunCommandIo } from './run-command.js';

export const SKEIN_NODE_USAGE = `Usage: skein-node <command>

Commands:
  run [options] -- <command> [args...]   run a Node application with @skein/node tracing
                                         (skein-node run --help for the options)
  --version                              print the @skein/node version
`;

/** The `skein-node` bin: dispatches its subcommand and resolves with the exit code. */
export async function skeinNodeMain(argv: string[], io: RunCommandIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case 'run':
      return runCommand(rest, io);
    case '--version':
    case '-v':
      io.out(`${packageVersion()}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(SKEIN_NODE_USAGE);
      return subcommand === undefined ? USAGE_ERROR_EXIT_CODE : 0;
    default:
      io.err(`skein-node: unknown command ${subcommand}\n\n${SKEIN_NODE_USAGE}`);
      return USAGE_ERROR_EXIT_CODE;
  }
}

function packageVersion(): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const version = (manifest as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
