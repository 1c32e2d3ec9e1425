import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flushTracing } from './flush-tracing.js';

/** Every demo service listens here only: the demo is for one machine. */
export const HOST = '127.0.0.1';

/** Listens on 127.0.0.1 and resolves with the port actually bound (useful with port 0). */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The line the demo launcher (and the tests) wait for. It is printed only once the port is
 * bound, so whoever reads it can send requests at once.
 */
export function announce(name: string, port: number): void {
  process.stdout.write(`${name} listening on http://${HOST}:${port}\n`);
}

/** How long in-flight requests may take to finish after SIGTERM before connections are cut. */
const GRACE_MS = 5_000;

/**
 * On SIGTERM or SIGINT: stop accepting requests, let the in-flight ones finish (bounded), export
 * the spans still queued, then exit. `close` stops the server; it must resolve once the
 * server has closed.
 */
export function stopOnSignal(name: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${name}: ${signal}, stopping\n`);
    // A request stuck on a dead downstream must not keep the process alive forever.
    const cut = setTimeout(() => {
      process.stderr.write(`${name}: requests still running after ${GRACE_MS} ms; exiting anyway\n`);
      process.exit(1);
    }, GRACE_MS + 2_000);
    cut.unref();
    close()
      .then(flushTracing)
      .then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`${name}: shutdown failed: ${String(err)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Closes a node:http server: idle keep-alive sockets at once, busy ones after GRACE_MS. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => server.closeAllConnections(), GRACE_MS);
    timer.unref();
    server.close((err) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
