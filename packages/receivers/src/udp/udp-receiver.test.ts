import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SkeinError, makeSpan, nowNanos, type Span } from '@skein/model';
import type { IngestPipeline, IngestResult } from '@skein/pipeline';
import { memoryPipeline } from '../test-support/memory-pipeline.js';
import { startUdpReceiver, type UdpReceiverOptions } from './udp-receiver.js';
import { sendDatagrams, waitFor } from './udp-test-support.js';

/**
 * A trivial wire format for these tests: one JSON object per line, `{"t": traceId, "s": spanId}`.
 * "boom" makes the decoder throw a plain Error (a decoder bug), "thrift?" a coded one.
 */
function jsonLines(datagram: Buffer): Span[] {
  const text = datagram.toString('utf8');
  if (text === 'boom') throw new TypeError('decoder bug');
  if (text === 'thrift?') throw new SkeinError('SKEIN_ERR_UNKNOWN_THRIFT_METHOD', '"emitZipkinBatch"');
  return text.split('\n').map((line) => {
    let o: { t: string; s: string };
    try {
      o = JSON.parse(line) as { t: string; s: string };
    } catch (e) {
      throw new SkeinError('SKEIN_ERR_MALFORMED_JSON', (e as Error).message);
    }
    const now = nowNanos();
    return makeSpan({ traceId: o.t, spanId: o.s, name: 'op', startTimeUnixNano: now, endTimeUnixNano: now + 1000n });
  });
}

const TRACE = 'aa'.repeat(16);
const line = (spanId: string, traceId = TRACE) => JSON.stringify({ t: traceId, s: spanId });
const datagram = (...lines: string[]) => Buffer.from(lines.join('\n'));

function setup(overrides: Partial<UdpReceiverOptions> = {}) {
  const { pipeline, store } = memoryPipeline();
  const outcomes: string[] = [];
  const logLines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  const opts: UdpReceiverOptions = {
    name: 'test-udp',
    host: '127.0.0.1',
    port: 0,
    decode: jsonLines,
    pipeline,
    observer: { onDatagram: (receiver, outcome) => void outcomes.push(`${receiver}:${outcome}`) },
    logger: { warn: (obj, msg) => void logLines.push({ obj: obj as Record<string, unknown>, msg }) },
    ...overrides,
  };
  return { opts, store, outcomes, logLines };
}

test('good datagrams are decoded, ingested and stored, each on its own', async () => {
  const { opts, store, outcomes } = setup();
  const receiver = await startUdpReceiver(opts);
  try {
    assert.equal(receiver.address, '127.0.0.1');
    assert.ok(receiver.port > 0, 'port 0 resolves to the bound port');
    await sendDatagrams(receiver.port, [datagram(line('0000000000000001'), line('0000000000000002')), datagram(line('0000000000000003'))]);
    await waitFor(() => outcomes.length === 2, 'two datagram outcomes');
    assert.deepEqual(outcomes, ['test-udp:ok', 'test-udp:ok']);
    assert.deepEqual((await store.getTrace(TRACE)).map((s) => s.spanId).sort(), ['0000000000000001', '0000000000000002', '0000000000000003']);
  } finally {
    await receiver.close();
  }
});

test('oversize, junk and decoder errors are dropped and counted with their reason; rejected spans too', async () => {
  const { opts, store, outcomes, logLines } = setup({ maxDatagramBytes: 200 });
  const receiver = await startUdpReceiver(opts);
  try {
    await sendDatagrams(receiver.port, [
      Buffer.alloc(201, 0x61), // one byte over
      Buffer.from('{not json'),
      Buffer.from('thrift?'),
      Buffer.from('boom'),
      datagram(line('0000000000000001', 'not-a-trace-id')), // every span rejected
      datagram(line('0000000000000002'), line('0000000000000003', 'zz')), // one of two rejected
      datagram(line('0000000000000004')),
    ]);
    await waitFor(() => outcomes.length === 7, 'seven datagram outcomes');
    assert.deepEqual(outcomes.slice(0, 5), [
      'test-udp:SKEIN_ERR_DATAGRAM_TOO_LARGE',
      'test-udp:SKEIN_ERR_MALFORMED_JSON',
      'test-udp:SKEIN_ERR_UNKNOWN_THRIFT_METHOD',
      'test-udp:SKEIN_ERR_INVALID_PAYLOAD',
      'test-udp:SKEIN_ERR_NO_SPANS_ACCEPTED',
    ]);
    // the last two wait for a store commit, which may group them
    assert.deepEqual(outcomes.slice(5).sort(), ['test-udp:ok', 'test-udp:partial']);
    assert.deepEqual((await store.getTrace(TRACE)).map((s) => s.spanId).sort(), ['0000000000000002', '0000000000000004']);
    // each drop reason was logged (first occurrence is immediate), with its reason and an example
    const reasons = logLines.map((l) => l.obj.reason);
    assert.deepEqual(reasons, ['SKEIN_ERR_DATAGRAM_TOO_LARGE', 'SKEIN_ERR_MALFORMED_JSON', 'SKEIN_ERR_UNKNOWN_THRIFT_METHOD', 'SKEIN_ERR_INVALID_PAYLOAD', 'SKEIN_ERR_INVALID_TRACE_ID']);
    assert.match(logLines[0]!.msg, /test-udp: dropped 1 datagram\(s\): SKEIN_ERR_DATAGRAM_TOO_LARGE \(latest: 201 bytes, more than 200\)/);
    assert.match(logLines[3]!.msg, /decoder bug/);
    assert.equal(logLines[4]!.obj.unit, 'span');
  } finally {
    await receiver.close();
  }
  // the second trace-id rejection was within the interval: it is reported on close
  assert.deepEqual(logLines.slice(5).map((l) => [l.obj.reason, l.obj.dropped]), [['SKEIN_ERR_INVALID_TRACE_ID', 1]]);
});

/** A pipeline whose ingests wait until released, to hold datagrams in flight. */
function heldPipeline() {
  const waiting: Array<() => void> = [];
  let ingested = 0;
  const pipeline = {
    ingest: (_receiver: string, spans: readonly Span[]): Promise<IngestResult> =>
      new Promise((resolve) =>
        waiting.push(() => {
          ingested += spans.length;
          resolve({ received: spans.length, accepted: spans.length, rejected: [], warnings: [] });
        }),
      ),
  } as unknown as IngestPipeline;
  return { pipeline, waiting, ingested: () => ingested, releaseAll: () => waiting.splice(0).forEach((release) => release()) };
}

test('datagrams beyond the in-flight bound are dropped as overload; close waits for those in flight', async () => {
  const held = heldPipeline();
  const { opts, outcomes } = setup({ pipeline: held.pipeline, maxDatagramsInFlight: 2 });
  const receiver = await startUdpReceiver(opts);
  await sendDatagrams(receiver.port, [1, 2, 3, 4, 5].map((i) => datagram(line(`000000000000000${i}`))));
  await waitFor(() => held.waiting.length === 2 && outcomes.length === 3, 'two datagrams held and three dropped');
  assert.deepEqual(outcomes, ['test-udp:SKEIN_ERR_OVERLOADED', 'test-udp:SKEIN_ERR_OVERLOADED', 'test-udp:SKEIN_ERR_OVERLOADED']);

  let closed = false;
  const closing = receiver.close().then(() => (closed = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(closed, false, 'close waits for the ingests in flight');
  held.releaseAll();
  await closing;
  assert.equal(held.ingested(), 2);
  assert.deepEqual(outcomes.slice(3), ['test-udp:ok', 'test-udp:ok']);
  await receiver.close(); // closing twice is harmless
});

test('the store refusing (overloaded) or failing is a counted drop, never an exception', async () => {
  const failures = [new SkeinError('SKEIN_ERR_OVERLOADED', '200000 spans are waiting'), new Error('disk on fire')];
  const pipeline = { ingest: () => Promise.reject(failures.shift()) } as unknown as IngestPipeline;
  const { opts, outcomes, logLines } = setup({ pipeline });
  const receiver = await startUdpReceiver(opts);
  try {
    await sendDatagrams(receiver.port, [datagram(line('0000000000000001')), datagram(line('0000000000000002'))]);
    await waitFor(() => outcomes.length === 2, 'two outcomes');
    assert.deepEqual(outcomes, ['test-udp:SKEIN_ERR_OVERLOADED', 'test-udp:SKEIN_ERR_STORE_FAILED']);
    assert.match(logLines[1]!.msg, /disk on fire/);
  } finally {
    await receiver.close();
  }
});

test('a flood of junk neither crashes the receiver nor floods the log; good datagrams still get through', async () => {
  const { opts, store, outcomes, logLines } = setup();
  const receiver = await startUdpReceiver(opts);
  try {
    // (random bytes behind a NUL, which no JSON text starts with, and cut-off JSON)
    const junk = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? Buffer.concat([Buffer.from([0]), randomBytes(i % 97)]) : Buffer.from(`{"t":${i}`)));
    await sendDatagrams(receiver.port, [...junk, datagram(line('00000000000000ff'))]);
    await waitFor(async () => (await store.getTrace(TRACE)).length === 1, 'the good datagram to be stored');
    assert.ok(outcomes.length <= junk.length + 1);
    assert.ok(outcomes.slice(0, -1).every((o) => o === 'test-udp:SKEIN_ERR_MALFORMED_JSON'), 'junk is counted as undecodable');
    assert.equal(logLines.length, 1, 'one line for the reason within the interval');
  } finally {
    await receiver.close();
  }
  assert.equal(logLines.length, 2, 'the rest is summed up on close');
  assert.ok((logLines[1]!.obj.dropped as number) >= 1);
});

test('a port that cannot be bound is an error at start', async () => {
  const { opts } = setup();
  const first = await startUdpReceiver(opts);
  try {
    await assert.rejects(startUdpReceiver({ ...opts, port: first.port }), /EADDRINUSE/);
  } finally {
    await first.close();
  }
});
