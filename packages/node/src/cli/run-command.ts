import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRunArguments, RUN_USAGE } from './run-arguments.js';
import { buildRunEnvironment } from './run-environment.js';
import { runChild, type SignalSource } from './run-child.js';

export interface RunCommandIo {
  out(text: string): void;
  err(text: string): void;
  /** The environment the command inherits (usually process.env). */
  env: NodeJS.ProcessEnv;
}

/** Exit code for a usage error, as most command-line tools use it. */
export const USAGE_ERROR_EXIT_CODE = 2;

/**
 * `skein run [--service-name NAME] [--exporter console|otlp|zipkin|none] [--endpoint URL]
 * [--propagators LIST] [--sampler NAME[=ARG]] -- <command> [args...]`: like
 * `opentelemetry-instrument`, runs the command with the tracer preloaded through NODE_OPTIONS
 * and resolves with the exit code to exit with (the command's own, 128 + signal when a signal
 * ended it, 2 for a usage error). `argv` is what follows the word `run`.
 */
export async function runCommand(argv: string[], io: RunCommandIo): Promise<number> {
  return runWithRegister(argv, io, new URL('../register/register.js', import.meta.url), process);
}

/** runCommand with the preloaded module and the signal source as parameters, for tests. */
export async function runWithRegister(argv: readonly string[], io: RunCommandIo, registerUrl: URL, signals: SignalSource): Promise<number> {
  const parsed = parseRunArguments(argv);
  if (parsed.kind === 'help') {
    io.out(RUN_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`skein run: ${parsed.message}\n\n${RUN_USAGE}`);
    return USAGE_ERROR_EXIT_CODE;
  }
  if (registerUrl.protocol === 'file:' && !existsSync(fileURLToPath(registerUrl))) {
    io.err(`skein run: the @skein/node register module is missing (${fileURLToPath(registerUrl)}); is @skein/node built?\n`);
    return 1;
  }
  const env = buildRunEnvironment(parsed.options, io.env, registerUrl.href);
  return runChild(parsed.options.command, parsed.options.args, env, signals, (message) => io.err(`skein run: ${message}\n`));
}
