import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findAttribute, nowNanos, spanServiceName } from '@skein/model';
import { manifestEntry, readWireFixture } from '@skein/testkit';
import { memoryPipeline } from '../test-support/memory-pipeline.js';
import { sendDatagrams, waitFor } from '../udp/udp-test-support.js';
import { startXrayUdpReceiver, XRAY_UDP_RECEIVER } from './xray-udp-receiver.js';

const TRACE = '1-5f84c7a1-e7d1852db8c4fd35d88bf49a';
const TRACE_HEX = '5f84c7a1e7d1852db8c4fd35d88bf49a';
const HEADER = '{"format":"json","version":1}\n';
const datagram = (doc: object): Buffer => Buffer.from(HEADER + JSON.stringify(doc));

/** A segment that started a second ago: `end` seconds after its start, or still in progress. */
function segment(id: string, end: number | 'in-progress'): object {
  const start = Number(nowNanos() / 1_000_000n) / 1000 - 1;
  return { trace_id: TRACE, id, name: 'checkout', start_time: start, ...(end === 'in-progress' ? { in_progress: true } : { end_time: start + end }) };
}

function setup() {
  const { pipeline, store } = memoryPipeline();
  const outcomes: string[] = [];
  return { pipeline, store, outcomes, observer: { onDatagram: (receiver: string, outcome: string) => void outcomes.push(`${receiver}:${outcome}`) } };
}

test('the X-Ray SDK fixture arrives and reads back with the manifest spans', async () => {
  const { pipeline, store, outcomes, observer } = setup();
  const receiver = await startXrayUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, observer });
  try {
    await sendDatagrams(receiver.port, [readWireFixture('xray.bin')]);
    await waitFor(() => outcomes.length === 1, 'the datagram outcome');
    assert.deepEqual(outcomes, [`${XRAY_UDP_RECEIVER}:ok`]);
    const entry = manifestEntry('xray.bin');
    const spans = await store.getTrace('6b011b291d5ba6549ae949c3d93a7d6a');
    assert.ok(entry.spans);
    assert.deepEqual(spans.map((s) => s.name).sort(), entry.spans.map((s) => s.name).sort());
    const byName = new Map(spans.map((s) => [s.name, s]));
    for (const want of entry.spans) {
      const parent = want.parent === null ? '' : byName.get(want.parent)!.spanId;
      assert.equal(byName.get(want.name)!.parentSpanId, parent, `${want.name}'s parent`);
    }
  } finally {
    await receiver.close();
  }
});

test('an in-progress segment followed by its completion is stored once: the complete one', async () => {
  const { pipeline, store, outcomes, observer } = setup();
  const receiver = await startXrayUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, observer, holdMaxAge: 60_000 });
  try {
    await sendDatagrams(receiver.port, [datagram(segment('a000000000000001', 'in-progress'))]);
    await waitFor(() => outcomes.length === 1, 'the in-progress datagram');
    assert.deepEqual(await store.getTrace(TRACE_HEX), [], 'held, not stored');
    await sendDatagrams(receiver.port, [datagram(segment('a000000000000001', 0.25))]);
    await waitFor(async () => (await store.getTrace(TRACE_HEX)).length > 0, 'the complete segment');
  } finally {
    await receiver.close();
  }
  const spans = await store.getTrace(TRACE_HEX);
  assert.equal(spans.length, 1, 'nothing more after close: the held version was discarded');
  assert.equal(spans[0]!.endTimeUnixNano - spans[0]!.startTimeUnixNano, 250_000_000n);
  assert.equal(findAttribute(spans[0]!.attributes, 'aws.xray.in_progress'), undefined);
  assert.deepEqual(outcomes, [`${XRAY_UDP_RECEIVER}:ok`, `${XRAY_UDP_RECEIVER}:ok`]);
});

test('an in-progress segment never completed is stored as it is once its max age has passed', async () => {
  const { pipeline, store } = setup();
  const receiver = await startXrayUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, holdMaxAge: 40 });
  try {
    await sendDatagrams(receiver.port, [datagram(segment('b000000000000001', 'in-progress'))]);
    await waitFor(async () => (await store.getTrace(TRACE_HEX)).length === 1, 'the aged-out segment to be stored');
    const [span] = await store.getTrace(TRACE_HEX);
    assert.equal(span!.endTimeUnixNano, span!.startTimeUnixNano);
    assert.deepEqual(findAttribute(span!.attributes, 'aws.xray.in_progress'), { type: 'bool', value: true });
  } finally {
    await receiver.close();
  }
  assert.equal((await store.getTrace(TRACE_HEX)).length, 1);
});

test('an in-progress segment still held at close is stored before close resolves', async () => {
  const { pipeline, store, outcomes, observer } = setup();
  const receiver = await startXrayUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, observer, holdMaxAge: 60_000 });
  await sendDatagrams(receiver.port, [datagram(segment('c000000000000001', 'in-progress'))]);
  await waitFor(() => outcomes.length === 1, 'the in-progress datagram');
  assert.deepEqual(await store.getTrace(TRACE_HEX), []);
  await receiver.close();
  const spans = await store.getTrace(TRACE_HEX);
  assert.equal(spans.length, 1);
  assert.deepEqual(findAttribute(spans[0]!.attributes, 'aws.xray.in_progress'), { type: 'bool', value: true });
});

test('a subsegment streamed on its own before its segment is stored with the segment service', async () => {
  const { pipeline, store, outcomes, observer } = setup();
  const receiver = await startXrayUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, observer, holdMaxAge: 60_000 });
  try {
    const streamed = { ...segment('e000000000000002', 0.1), type: 'subsegment', parent_id: 'e000000000000001', name: 'early-call', subsegments: [{ ...segment('e000000000000003', 0.05), name: 'nested' }] };
    await sendDatagrams(receiver.port, [datagram(streamed)]);
    await waitFor(() => outcomes.length === 1, 'the streamed subsegment datagram');
    assert.deepEqual(await store.getTrace(TRACE_HEX), [], 'held until its segment is seen');
    await sendDatagrams(receiver.port, [datagram(segment('e000000000000001', 0.5))]);
    await waitFor(async () => (await store.getTrace(TRACE_HEX)).length === 3, 'the segment and the released subsegments');
    const spans = await store.getTrace(TRACE_HEX);
    assert.deepEqual(spans.map((s) => [s.name, spanServiceName(s)]).sort(), [['checkout', 'checkout'], ['early-call', 'checkout'], ['nested', 'checkout']]);
    // a later one whose parent is now known is stored at once
    await sendDatagrams(receiver.port, [datagram({ ...segment('e000000000000004', 0.1), type: 'subsegment', parent_id: 'e000000000000003', name: 'late-call' })]);
    await waitFor(async () => (await store.getTrace(TRACE_HEX)).length === 4, 'the late subsegment');
    const late = (await store.getTrace(TRACE_HEX)).find((s) => s.name === 'late-call');
    assert.equal(spanServiceName(late!), 'checkout');
  } finally {
    await receiver.close();
  }
});

test('a streamed subsegment whose segment never came is stored without a service at close', async () => {
  const { pipeline, store, outcomes, observer } = setup();
  const receiver = await startXrayUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, observer, holdMaxAge: 60_000 });
  await sendDatagrams(receiver.port, [datagram({ ...segment('f000000000000002', 0.1), type: 'subsegment', parent_id: 'f000000000000001', name: 'orphan-call' })]);
  await waitFor(() => outcomes.length === 1, 'the streamed subsegment datagram');
  assert.deepEqual(await store.getTrace(TRACE_HEX), []);
  await receiver.close();
  const spans = await store.getTrace(TRACE_HEX);
  assert.deepEqual(spans.map((s) => [s.name, spanServiceName(s), s.parentSpanId]), [['orphan-call', 'unknown_service', 'f000000000000001']]);
});

test('a datagram that is not X-Ray is a counted drop', async () => {
  const { pipeline, outcomes, observer } = setup();
  const receiver = await startXrayUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, observer });
  try {
    await sendDatagrams(receiver.port, [Buffer.from(JSON.stringify(segment('d000000000000001', 1))), Buffer.from(`${HEADER}{"id":`)]);
    await waitFor(() => outcomes.length === 2, 'two outcomes');
    assert.deepEqual(outcomes, [`${XRAY_UDP_RECEIVER}:SKEIN_ERR_INVALID_PAYLOAD`, `${XRAY_UDP_RECEIVER}:SKEIN_ERR_MALFORMED_JSON`]);
  } finally {
    await receiver.close();
  }
});
