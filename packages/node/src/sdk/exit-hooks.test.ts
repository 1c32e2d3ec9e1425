import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { installExitHooks } from './exit-hooks.js';

/** A stand-in process: records flushes, shutdowns, re-raised signals and exits. */
function harness(options: { shutdownMs?: number } = {}) {
  const target = new EventEmitter();
  const log: string[] = [];
  const done = new EventEmitter();
  const uninstall = installExitHooks({
    target,
    timeoutMs: 200,
    reraiseGraceMs: 10,
    flush: async () => void log.push('flush'),
    shutdown: () =>
      new Promise<void>((resolve) => {
        log.push('shutdown');
        // Unref'd: a "slow" shutdown must not hold this test file's process open.
        setTimeout(() => {
          log.push('shutdown done');
          resolve();
        }, options.shutdownMs ?? 0).unref();
      }),
    kill: (signal) => {
      log.push(`kill ${signal}`);
      done.emit('killed');
    },
    exit: (code) => {
      log.push(`exit ${code}`);
      done.emit('exited');
    },
  });
  return { target, log, done, uninstall };
}

test('a signal nobody else handles: shut down, then re-raise it (and exit 128+n if it does not end us)', async () => {
  const h = harness();
  h.target.emit('SIGTERM', 'SIGTERM');
  await once(h.done, 'exited');
  assert.deepEqual(h.log, ['shutdown', 'shutdown done', 'kill SIGTERM', 'exit 143']);
  assert.equal(h.target.listenerCount('SIGTERM'), 0, 'our listener is gone before the re-raise');
  assert.equal(h.target.listenerCount('beforeExit'), 0);
});

test('SIGINT exits with 130 when re-raising does not end the process', async () => {
  const h = harness();
  h.target.emit('SIGINT', 'SIGINT');
  await once(h.done, 'exited');
  assert.deepEqual(h.log.slice(-2), ['kill SIGINT', 'exit 130']);
});

test('a slow shutdown is cut short by the timeout', async () => {
  const h = harness({ shutdownMs: 10_000 });
  h.target.emit('SIGTERM', 'SIGTERM');
  await once(h.done, 'killed');
  assert.deepEqual(h.log, ['shutdown', 'kill SIGTERM']);
});

test('a second signal during the flush re-raises at once', async () => {
  const h = harness({ shutdownMs: 10_000 });
  h.target.emit('SIGINT', 'SIGINT');
  h.target.emit('SIGINT', 'SIGINT');
  assert.deepEqual(h.log, ['shutdown', 'kill SIGINT']);
  await once(h.done, 'exited');
  await new Promise((resolve) => setTimeout(resolve, 250)); // past the flush timeout
  assert.deepEqual(h.log, ['shutdown', 'kill SIGINT', 'exit 130'], 'the end of the flush does not raise again');
});

test('when the application listens for the signal too, only flush: it decides what happens next', async () => {
  const h = harness();
  let appSaw = 0;
  h.target.on('SIGTERM', () => appSaw++);
  h.target.emit('SIGTERM', 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(h.log, ['flush']);
  assert.equal(appSaw, 1);
  h.uninstall();
});

test('a re-raise while the application has started listening does not force an exit', async () => {
  const h = harness({ shutdownMs: 5 });
  h.target.emit('SIGTERM', 'SIGTERM');
  h.target.on('SIGTERM', () => {}); // added during our flush
  await once(h.done, 'killed');
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(h.log, ['shutdown', 'shutdown done', 'kill SIGTERM']);
});

test('beforeExit shuts down once', async () => {
  const h = harness();
  h.target.emit('beforeExit', 0);
  h.target.emit('beforeExit', 0);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(h.log, ['shutdown', 'shutdown done']);
  h.uninstall();
});

test('uninstall removes every listener', () => {
  const h = harness();
  h.uninstall();
  for (const event of ['SIGTERM', 'SIGINT', 'beforeExit']) assert.equal(h.target.listenerCount(event), 0, event);
});
