import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, int, str, SpanKind, StatusCode, type Span } from '@skein/model';
import { decodeOtlpJson, decodeOtlpProtobuf, encodeOtlpProtobuf, toOtlpJson } from '@skein/wire';
import { findJsonPatchPoints } from './json-patch-points.js';
import { SPAN_ID_SALTED_BYTE, TRACE_ID_SALTED_BYTE, saltFor, saltHexId } from './patch-points.js';
import { decimalShift, patchJson } from './patch-json.js';
import { patchProtobuf, timeShift } from './patch-protobuf.js';
import { findProtobufPatchPoints } from './protobuf-patch-points.js';

const T0 = 1_700_000_000_123_456_789n;
const resource = { attributes: [attr('service.name', str('svc'))], droppedAttributesCount: 0 };
const scope = { name: 'scope', version: '1', attributes: [] };

function span(spanId: string, parentSpanId: string, start: bigint, eventTimes: bigint[]): Span {
  return {
    traceId: '0123456789abcdef0123456789abcdef',
    spanId,
    parentSpanId,
    traceState: '',
    flags: 1,
    name: 'op',
    kind: SpanKind.SERVER,
    startTimeUnixNano: start,
    endTimeUnixNano: start + 5_000_000n,
    // An attribute whose value looks like an id must not be mistaken for one.
    attributes: [attr('note', str('"traceId":"ffffffffffffffffffffffffffffffff"')), attr('n', int(7))],
    droppedAttributesCount: 0,
    events: eventTimes.map((t) => ({ timeUnixNano: t, name: 'e', attributes: [], droppedAttributesCount: 0 })),
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: StatusCode.UNSET, message: '' },
    resource,
    scope,
    traceIdHigh64Absent: false,
    shared: false,
  };
}

const spans = [span('1111111111111111', '', T0, []), span('2222222222222222', '1111111111111111', T0 + 1000n, [T0 + 2000n, T0 + 3000n])];
// Large enough to carry into the high 32 bits of the protobuf fixed64 and across many decimal digits.
const SHIFT = 98_765_432_109_876_543n;
const SALT = saltFor(12345);

function checkPatched(decoded: Span[]): void {
  assert.equal(decoded.length, 2);
  const traceId = saltHexId(spans[0]!.traceId, TRACE_ID_SALTED_BYTE, SALT);
  assert.notEqual(traceId, spans[0]!.traceId);
  assert.deepEqual(decoded.map((s) => s.traceId), [traceId, traceId]);
  assert.deepEqual(decoded.map((s) => s.spanId), spans.map((s) => saltHexId(s.spanId, SPAN_ID_SALTED_BYTE, SALT)));
  assert.equal(decoded[1]!.parentSpanId, decoded[0]!.spanId);
  assert.equal(decoded[0]!.parentSpanId, '');
  assert.deepEqual(decoded.map((s) => [s.startTimeUnixNano, s.endTimeUnixNano]), spans.map((s) => [s.startTimeUnixNano + SHIFT, s.endTimeUnixNano + SHIFT]));
  assert.deepEqual(decoded[1]!.events.map((e) => e.timeUnixNano), [T0 + 2000n + SHIFT, T0 + 3000n + SHIFT]);
  assert.deepEqual(decoded[0]!.attributes, spans[0]!.attributes);
}

describe('request patching', () => {
  it('finds exactly the ids and times of a protobuf request and patches them', () => {
    const body = encodeOtlpProtobuf(spans);
    const points = findProtobufPatchPoints(body);
    assert.deepEqual([points.traceIds.length, points.spanIds.length, points.times.length], [2, 3, 6]);
    const patched = patchProtobuf(body, points, SALT, timeShift(SHIFT));
    checkPatched(decodeOtlpProtobuf(patched));
    assert.deepEqual(decodeOtlpProtobuf(body).map((s) => s.spanId), ['1111111111111111', '2222222222222222'], 'the template is left alone');
  });

  it('finds exactly the ids and times of a JSON request (not look-alikes inside strings) and patches them', () => {
    const body = Buffer.from(JSON.stringify(toOtlpJson(spans)));
    const points = findJsonPatchPoints(body);
    assert.deepEqual([points.traceIds.length, points.spanIds.length, points.times.length], [2, 3, 6]);
    const patched = patchJson(body, points, SALT, decimalShift(SHIFT));
    assert.equal(patched.byteLength, body.byteLength);
    checkPatched(decodeOtlpJson(patched));
  });

  it('salts are distinct for distinct send numbers', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(saltFor(i));
    assert.equal(seen.size, 200_000);
  });

  it('refuses backwards shifts rather than writing wrapped timestamps', () => {
    assert.throws(() => timeShift(-1n));
    assert.throws(() => decimalShift(-1n));
  });
});
