import { CliError } from './api-client.js';
import { ALL_IN_ONE_HELP, ConfigError, allInOneCommand } from './all-in-one.js';
import { TRACES_HELP, TRACE_HELP, traceCommand, tracesCommand, type CliIo } from './commands.js';
import { runCommand } from '@skein/node/cli/run-command';

const USAGE = `Usage: skein <command> [options]
Commands:
  all-in-one (default)   run Skein: receivers, embedded store, query APIs
  traces                 search traces on a running Skein (table)
  trace <id>             show one trace as a waterfall
  run -- <command>       run a Node app traced by @skein/node (see "skein run --help")
  demo                   start Skein, the microservice demo and a load generator
  help [command]         show help
Run "skein <command> --help" for the options of a command.`;

/** The `skein` binary. Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    switch (first) {
      case 'traces':
        await tracesCommand(rest, io);
        return 0;
      case 'trace':
        await traceCommand(rest, io);
        return 0;
      case 'run':
        return await runCommand(rest, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), env: { ...io.env } });
      case 'demo':
        return await runDemo(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(rest[0] === 'traces' ? TRACES_HELP : rest[0] === 'trace' ? TRACE_HELP : rest[0] === 'all-in-one' ? ALL_IN_ONE_HELP : USAGE);
        return 0;
      case 'all-in-one':
        await allInOneCommand(rest, io.env, io.out);
        return 0;
      case undefined:
        await allInOneCommand([], io.env, io.out);
        return 0;
      default:
        if (first.startsWith('--')) {
          await allInOneCommand(argv, io.env, io.out);
          return 0;
        }
        throw new CliError(`unknown command "${first}"\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof CliError || e instanceof ConfigError) {
      process.stderr.write(`skein: ${e.message}\n`);
      return 1;
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`skein: ${(e as Error).message}\n`);
      return 2;
    }
    if ((e as { code?: string }).code === 'EADDRINUSE') {
      process.stderr.write(`skein: ${(e as Error).message}: another program (maybe another Skein) uses that port; move a receiver with its --*-port flag (see --help) or switch it off with --<receiver>-port off\n`);
      return 1;
    }
    throw e;
  }
}

/**
 * `skein demo`: the demo lives in the examples workspace, which itself builds on this package,
 * so it is loaded by name at run time rather than imported (that would be a dependency cycle).
 */
async function runDemo(argv: string[], io: CliIo): Promise<number> {
  const specifier = '@skein/example-microservices/demo-command';
  let demo: { demoCommand(argv: string[], io: { out(text: string): void; env: NodeJS.ProcessEnv }): Promise<number> };
  try {
    demo = (await import(specifier)) as typeof demo;
  } catch (e) {
    throw new CliError(`the demo is not installed here (${(e as Error).message}); run it from a clone of the Skein repository with "npm run demo"`);
  }
  return demo.demoCommand(argv, { out: io.out, env: { ...io.env } });
}
