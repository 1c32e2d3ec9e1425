import type { PatchPoints } from './patch-points.js';

// Field numbers from opentelemetry/proto/trace/v1/trace.proto and collector/trace/v1/trace_service.proto.
const REQUEST_RESOURCE_SPANS = 1;
const RESOURCE_SPANS_SCOPE_SPANS = 2;
const SCOPE_SPANS_SPANS = 2;
const SPAN_TRACE_ID = 1;
const SPAN_SPAN_ID = 2;
const SPAN_PARENT_SPAN_ID = 4;
const SPAN_START_TIME = 7;
const SPAN_END_TIME = 8;
const SPAN_EVENTS = 11;
const EVENT_TIME = 1;

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

interface Field {
  readonly number: number;
  readonly wireType: number;
  /** Offset of the value (for LEN: of the payload, after the length prefix). */
  readonly valueStart: number;
  /** Offset just past the value. */
  readonly end: number;
}

function readVarint(buf: Uint8Array, pos: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    // Only lengths and tags are read as numbers here; skipped varints may exceed 2^53, which is fine.
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return { value, next: pos };
  }
}

/** The fields of the message in buf[start, end), one level deep. */
function* fields(buf: Uint8Array, start: number, end: number): Generator<Field> {
  let pos = start;
  while (pos < end) {
    const tag = readVarint(buf, pos);
    const number = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    pos = tag.next;
    let valueStart = pos;
    switch (wireType) {
      case VARINT:
        pos = readVarint(buf, pos).next;
        break;
      case I64:
        pos += 8;
        break;
      case I32:
        pos += 4;
        break;
      case LEN: {
        const len = readVarint(buf, pos);
        valueStart = len.next;
        pos = len.next + len.value;
        break;
      }
      default:
        throw new Error(`unsupported wire type ${wireType} at ${pos}`);
    }
    if (pos > end) throw new Error('field runs past its message');
    yield { number, wireType, valueStart, end: pos };
  }
}

/**
 * Walks an encoded ExportTraceServiceRequest and records where the ids and timestamps of every
 * span and event are. Links are not patched (the realistic generator makes none).
 */
export function findProtobufPatchPoints(body: Uint8Array): PatchPoints {
  const traceIds: number[] = [];
  const spanIds: number[] = [];
  const times: number[] = [];
  for (const rs of fields(body, 0, body.length)) {
    if (rs.number !== REQUEST_RESOURCE_SPANS || rs.wireType !== LEN) continue;
    for (const ss of fields(body, rs.valueStart, rs.end)) {
      if (ss.number !== RESOURCE_SPANS_SCOPE_SPANS || ss.wireType !== LEN) continue;
      for (const sp of fields(body, ss.valueStart, ss.end)) {
        if (sp.number !== SCOPE_SPANS_SPANS || sp.wireType !== LEN) continue;
        for (const f of fields(body, sp.valueStart, sp.end)) {
          if (f.number === SPAN_TRACE_ID && f.end - f.valueStart === 16) traceIds.push(f.valueStart);
          else if ((f.number === SPAN_SPAN_ID || f.number === SPAN_PARENT_SPAN_ID) && f.end - f.valueStart === 8) spanIds.push(f.valueStart);
          else if ((f.number === SPAN_START_TIME || f.number === SPAN_END_TIME) && f.wireType === I64) times.push(f.valueStart);
          else if (f.number === SPAN_EVENTS && f.wireType === LEN) {
            for (const ev of fields(body, f.valueStart, f.end)) if (ev.number === EVENT_TIME && ev.wireType === I64) times.push(ev.valueStart);
          }
        }
      }
    }
  }
  return { traceIds: Uint32Array.from(traceIds), spanIds: Uint32Array.from(spanIds), times: Uint32Array.from(times) };
}
