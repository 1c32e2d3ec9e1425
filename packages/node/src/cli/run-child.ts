import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** Where termination signals come from; `process` in real use, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs the command with inherited stdio and resolves with its exit code — or 128 + the signal
 * number when a signal ended it, as shells report it. SIGINT and SIGTERM sent to this process
 * are passed on to the child (and, while it runs, no longer end this process), so the child
 * can shut down and flush its spans; we exit when it does. A command that cannot be started
 * gives 127 (not found) or 126 (not executable), again as shells do.
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  signals: SignalSource,
  reportError: (message: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    const finish = (code: number): void => {
      for (const signal of FORWARDED_SIGNALS) signals.off(signal, forward);
      resolve(code);
    };
    for (const signal of FORWARDED_SIGNALS) signals.on(signal, forward);
    let spawned = false;
    child.once('spawn', () => { spawned = true; });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (spawned) return; // a failed kill() after start; the exit event still follows
      reportError(`cannot run ${command}: ${error.message}`);
      finish(error.code === 'ENOENT' ? 127 : 126);
    });
    child.once('exit', (code, signal) => {
      finish(code ?? 128 + (signal === null ? 0 : constants.signals[signal] ?? 0));
    });
  });
}
