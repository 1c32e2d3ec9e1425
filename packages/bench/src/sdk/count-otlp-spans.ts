/**
 * Counts the spans in an OTLP/protobuf ExportTraceServiceRequest without decoding them: the
 * trace sink only has to prove that spans arrived, and it shares this 2-core machine with the
 * server being measured, so it walks the three levels of length-delimited fields and skips the
 * span bodies. Throws on malformed input (the sink answers 400).
 *
 * ExportTraceServiceRequest.resource_spans = 1 → ResourceSpans.scope_spans = 2 → ScopeSpans.spans = 2.
 */
export function countOtlpProtobufSpans(body: Uint8Array): number {
  let spans = 0;
  forEachLengthDelimited(body, 0, body.length, 1, (rsStart, rsEnd) => {
    forEachLengthDelimited(body, rsStart, rsEnd, 2, (ssStart, ssEnd) => {
      forEachLengthDelimited(body, ssStart, ssEnd, 2, () => {
        spans++;
      });
    });
  });
  return spans;
}

/** The same count for OTLP/JSON (`resourceSpans[].scopeSpans[].spans[]`). */
export function countOtlpJsonSpans(body: Uint8Array): number {
  const request = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as {
    resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: unknown[] }> }>;
  };
  let spans = 0;
  for (const rs of request.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans += ss.spans?.length ?? 0;
  return spans;
}

/** Calls `visit(start, end)` for every occurrence of length-delimited field `field` in [start, end). */
function forEachLengthDelimited(buf: Uint8Array, start: number, end: number, field: number, visit: (start: number, end: number) => void): void {
  let at = start;
  while (at < end) {
    const key = readVarint(buf, at, end);
    at = key.next;
    const wireType = key.value & 7;
    const fieldNumber = Math.floor(key.value / 8);
    if (fieldNumber === 0) throw new Error(`field number 0 at byte ${at}`);
    switch (wireType) {
      case 0:
        at = readVarint(buf, at, end).next;
        break;
      case 1:
        at += 8;
        break;
      case 5:
        at += 4;
        break;
      case 2: {
        const length = readVarint(buf, at, end);
        const bodyStart = length.next;
        const bodyEnd = bodyStart + length.value;
        if (bodyEnd > end) throw new Error(`field ${fieldNumber} runs past its message (${bodyEnd} > ${end})`);
        if (fieldNumber === field) visit(bodyStart, bodyEnd);
        at = bodyEnd;
        break;
      }
      default:
        throw new Error(`unsupported wire type ${wireType} at byte ${at}`);
    }
  }
  if (at !== end) throw new Error(`a fixed-width field runs past its message (${at} > ${end})`);
}

/** A varint as a JS number (exact up to 2^53, plenty for keys and lengths). */
function readVarint(buf: Uint8Array, start: number, end: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let at = start; at < end && at < start + 10; at++) {
    const byte = buf[at]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: at + 1 };
    scale *= 128;
  }
  throw new Error(`truncated varint at byte ${start}`);
}
