import { SkeinError, isIdProblem, normalizeTraceId } from '@skein/model';

/**
 * X-Ray trace ids are `1-{8 hex: epoch seconds}-{24 hex: random}` (version 1). The 8 + 24 hex
 * digits concatenated are the 128-bit trace id, which is what the OpenTelemetry Collector's
 * X-Ray receiver decodes (translator.go decodeXRayTraceID) and its exporter writes back
 * (convertToAmazonTraceID): the same trace keeps the same id in both worlds.
 */
const XRAY_TRACE_ID = /^1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})$/;

/** `1-6b011b29-1d5ba6549ae949c3d93a7d6a` → `6b011b291d5ba6549ae949c3d93a7d6a`; undefined when not an X-Ray id. */
export function xrayTraceIdToHex(id: string): string | undefined {
  const m = XRAY_TRACE_ID.exec(id);
  return m ? (m[1]! + m[2]!).toLowerCase() : undefined;
}

/** A 32-hex trace id (16 hex ids are left-padded first) in X-Ray's form. */
export function hexToXrayTraceId(hex32: string): string {
  const n = normalizeTraceId(hex32);
  if (isIdProblem(n)) throw new SkeinError('SKEIN_ERR_INVALID_TRACE_ID', `"${hex32.slice(0, 64)}" is not a hex trace id (${n})`);
  return `1-${n.id.slice(0, 8)}-${n.id.slice(8)}`;
}
