import { SCHEMA, defaultFor } from './otlp-proto-decoder.js';
import type { Decoded } from './otlp-proto-decoder.js';

const HEX_ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

/**
 * Turns an OTLP/JSON request (parsed) into the shape `decodeTraceRequest` gives for the
 * protobuf form: defaults filled in, ids and bytes as hex, 64-bit numbers as decimal strings,
 * strings made well-formed (protobuf's UTF-8 cannot carry lone surrogates). Throws on field
 * names the schema does not know, so a misspelt JSON field fails the comparison.
 */
export function normalizeOtlpJson(json: unknown, type = 'ExportTraceServiceRequest'): Decoded {
  const spec = SCHEMA[type]!;
  const byName = new Map(Object.values(spec).map((f) => [f.name, f]));
  const out: Decoded = {};
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    const field = byName.get(name);
    if (!field) throw new Error(`${type}: unknown JSON field ${name}`);
    const one = (v: unknown): unknown => {
      switch (field.type) {
        case 'message': return normalizeOtlpJson(v, field.message!);
        case 'string': return Buffer.from(v as string, 'utf8').toString('utf8');
        case 'bytes': return HEX_ID_FIELDS.has(name) ? (v as string).toLowerCase() : Buffer.from(v as string, 'base64').toString('hex');
        case 'int64': case 'fixed64': return String(v);
        case 'double': return typeof v === 'string' ? Number(v) : v;
        default: return v;
      }
    };
    out[name] = field.repeated ? (raw as unknown[]).map(one) : one(raw);
  }
  for (const field of Object.values(spec)) {
    if (!(field.name in out) && !field.oneof) out[field.name] = defaultFor(field);
  }
  return out;
}
