let reported = false;

/**
 * One line on stderr, once per process, whatever the diag setup: a tracer that fails to start
 * must say so, but must never stop or flood the application.
 */
export function reportStartupFailure(error: unknown): void {
  if (reported) return;
  reported = true;
  const message = error instanceof Error ? error.message : String(error);
  try {
    process.stderr.write(`@skein/node: could not start tracing (${message}); the application continues untraced\n`);
  } catch {
    // stderr closed: nothing left to tell.
  }
}
