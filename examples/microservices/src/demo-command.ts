import { DEMO_HELP, parseDemoArgs, type DemoOptions } from './demo-options.js';
import { startDemo, type DemoIo, type RunningDemo } from './demo.js';

/**
 * `skein demo` / `npm run demo`: runs the microservice demo until Ctrl-C, SIGTERM or, with
 * --requests N, N answered requests; then stops every process it started. Returns the exit
 * code: 0 after a clean stop, 1 when something failed to start or died, 2 for bad arguments.
 */
export async function demoCommand(argv: string[], io: { out(text: string): void; env: NodeJS.ProcessEnv }): Promise<number> {
  let options: DemoOptions | 'help';
  try {
    options = parseDemoArgs(argv, io.env);
  } catch (err) {
    io.out(`skein demo: ${(err as Error).message}\n${DEMO_HELP}`);
    return 2;
  }
  if (options === 'help') {
    io.out(DEMO_HELP);
    return 0;
  }

  // Signals are handled from the very start, so a Ctrl-C while starting still cleans up.
  const aborted = new AbortController();
  let resolveSignal!: (signal: NodeJS.Signals) => void;
  const signalled = new Promise<NodeJS.Signals>((resolve) => (resolveSignal = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    aborted.abort();
    resolveSignal(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let demo: RunningDemo;
    try {
      demo = await startDemo(options, io as DemoIo, aborted.signal);
    } catch (err) {
      if (aborted.signal.aborted) {
        io.out('Stopped while starting.');
        return 0;
      }
      io.out(`skein demo: ${(err as Error).message}`);
      return 1;
    }
    const outcome = await Promise.race([
      demo.finished.then(() => ({ kind: 'finished' as const })),
      signalled.then((signal) => ({ kind: 'signal' as const, signal })),
      demo.failed.then((what) => ({ kind: 'failed' as const, what })),
    ]);
    if (outcome.kind === 'signal') io.out(`${outcome.signal}: stopping the demo.`);
    if (outcome.kind === 'failed') io.out(`skein demo: ${outcome.what}`);
    await demo.stop();
    return outcome.kind === 'failed' ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
