import type { PatchPoints } from './patch-points.js';

const TRACE_ID_KEY = '"traceId":"';
const SPAN_ID_KEYS = ['"spanId":"', '"parentSpanId":"'];
// The leading quote keeps `"timeUnixNano"` from matching inside `"startTimeUnixNano"`.
const TIME_KEYS = ['"startTimeUnixNano":"', '"endTimeUnixNano":"', '"timeUnixNano":"'];

/** Offsets just past every occurrence of `key` in `body`. */
function valueOffsets(body: Buffer, key: string, expectedLength: number): number[] {
  const out: number[] = [];
  const needle = Buffer.from(key, 'latin1');
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, at + needle.length)) {
    const start = at + needle.length;
    if (body[start + expectedLength] !== 0x22 /* closing quote */) throw new Error(`${key} value at ${start} is not ${expectedLength} characters long`);
    out.push(start);
  }
  return out;
}

/**
 * Finds ids and timestamps in an OTLP/JSON body as written by JSON.stringify(toOtlpJson(spans))
 * (compact, no whitespace). Span timestamps must all have 19 digits, which holds for any time
 * between 2001 and 2286; the patcher keeps that width. Links are not patched.
 */
export function findJsonPatchPoints(body: Buffer): PatchPoints {
  const traceIds = valueOffsets(body, TRACE_ID_KEY, 32);
  const spanIds = SPAN_ID_KEYS.flatMap((k) => valueOffsets(body, k, 16));
  const times = TIME_KEYS.flatMap((k) => valueOffsets(body, k, 19));
  return { traceIds: Uint32Array.from(traceIds), spanIds: Uint32Array.from(spanIds), times: Uint32Array.from(times) };
}
