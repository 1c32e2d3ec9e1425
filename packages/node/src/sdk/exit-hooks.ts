import type { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import { withTimeout } from './with-timeout.js';

export interface ExitHooksOptions {
  /** Exports what is pending, leaving the SDK running. */
  flush(): Promise<void>;
  /** Exports what is pending and stops the SDK. */
  shutdown(): Promise<void>;
  /** Upper bound for either, so a dead backend cannot hold the process hostage. */
  readonly timeoutMs: number;
  /** Signals to hook. Default SIGTERM and SIGINT; none in a worker thread, which gets no signals. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Test seams; default to the real process. */
  readonly target?: EventEmitter;
  readonly kill?: (signal: NodeJS.Signals) => void;
  readonly exit?: (code: number) => void;
  /** How long a re-raised signal may take to end the process before we exit by hand. */
  readonly reraiseGraceMs?: number;
}

const DEFAULT_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
/** If re-raising did not end the process (an ignored disposition), exit by hand after this. */
const RERAISE_GRACE_MS = 1000;

/**
 * Exports pending spans when the process is asked to stop, then lets it stop as it would have:
 *
 * - SIGTERM / SIGINT with no other listener: Node would die of the signal. We shut the SDK
 *   down (bounded by the timeout), remove our listeners and send the signal again, so the
 *   process ends by that signal as if we had never been there (a parent sees the signal, a
 *   shell sees 128 + its number). A second signal during the flush re-raises at once.
 * - SIGTERM / SIGINT that the application also listens for: it owns the shutdown and may keep
 *   running, so we only flush.
 * - `beforeExit` (the event loop ran dry): shut down, once.
 *
 * Returns a function that removes the hooks.
 */
export function installExitHooks(options: ExitHooksOptions): () => void {
  const target = options.target ?? process;
  const kill = options.kill ?? ((signal: NodeJS.Signals) => process.kill(process.pid, signal));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? DEFAULT_SIGNALS;
  let stopping = false;
  let shutDownOnExit = false;

  let reraised = false;
  const reraise = (signal: NodeJS.Signals) => {
    if (reraised) return;
    reraised = true;
    uninstall();
    const someoneElseListens = target.listenerCount(signal) > 0;
    kill(signal);
    if (!someoneElseListens) setTimeout(() => exit(128 + (constants.signals[signal] ?? 0)), options.reraiseGraceMs ?? RERAISE_GRACE_MS);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      reraise(signal);
      return;
    }
    if (target.listenerCount(signal) > 1) {
      void withTimeout(options.flush(), options.timeoutMs);
      return;
    }
    stopping = true;
    void withTimeout(options.shutdown(), options.timeoutMs).then(() => reraise(signal));
  };

  const onBeforeExit = () => {
    if (shutDownOnExit || stopping) return;
    shutDownOnExit = true;
    void withTimeout(options.shutdown(), options.timeoutMs);
  };

  for (const signal of signals) target.on(signal, onSignal);
  target.on('beforeExit', onBeforeExit);

  let installed = true;
  function uninstall(): void {
    if (!installed) return;
    installed = false;
    for (const signal of signals) target.removeListener(signal, onSignal);
    target.removeListener('beforeExit', onBeforeExit);
  }
  return uninstall;
}
