import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EPHEMERAL_PORT_FLAGS, getJson, spawnSkein, tempDir } from './harness.js';
import { sendUntil } from './load.js';

const SPANS_PER_REQUEST = 20;
const portFlags = EPHEMERAL_PORT_FLAGS;

async function spansOf(queryUrl: string, traceId: string): Promise<number> {
  const { status, body } = await getJson<{ spans: unknown[] }>(`${queryUrl}/api/skein/traces/${traceId}`);
  return status === 200 ? body.spans.length : 0;
}

test('kill -9 right after acknowledgements: every acknowledged span is there after restart', async () => {
  const dir = await tempDir();
  try {
    const first = await spawnSkein(['all-in-one', '--data-dir', dir.path, ...portFlags]);
    let killed = false;
    // Kill while requests are still in flight, the moment the 40th acknowledgement arrives.
    const load = await sendUntil(first.urls.otlpHttp, {
      concurrency: 8,
      spansPerRequest: SPANS_PER_REQUEST,
      maxRequests: 400,
      stop: (acked) => {
        if (acked >= 40 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
        return killed;
      },
    });
    const exit = await first.exited;
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(load.acknowledged.length >= 40);

    const second = await spawnSkein(['all-in-one', '--data-dir', dir.path, ...portFlags]);
    try {
      for (const traceId of load.acknowledged) assert.equal(await spansOf(second.urls.query, traceId), SPANS_PER_REQUEST, `acknowledged trace ${traceId}`);
      // A request is one transaction: unacknowledged ones are all there or not at all.
      for (const traceId of load.unacknowledged) assert.ok([0, SPANS_PER_REQUEST].includes(await spansOf(second.urls.query, traceId)));
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    await dir.remove();
  }
});

test('SIGTERM finishes in-flight commits, then exits 0', async () => {
  const dir = await tempDir();
  try {
    const first = await spawnSkein(['all-in-one', '--data-dir', dir.path, ...portFlags]);
    let signalled = false;
    const load = await sendUntil(first.urls.otlpHttp, {
      concurrency: 8,
      spansPerRequest: SPANS_PER_REQUEST,
      maxRequests: 300,
      stop: (acked) => {
        if (acked >= 20 && !signalled) {
          signalled = true;
          first.child.kill('SIGTERM');
        }
        return signalled;
      },
    });
    const exit = await first.exited;
    assert.equal(exit.code, 0, first.output());
    assert.match(first.output(), /shutdown complete/);

    const second = await spawnSkein(['all-in-one', '--data-dir', dir.path, ...portFlags]);
    try {
      for (const traceId of load.acknowledged) assert.equal(await spansOf(second.urls.query, traceId), SPANS_PER_REQUEST);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    await dir.remove();
  }
});
