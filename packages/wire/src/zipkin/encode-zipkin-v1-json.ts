import type { Span } from '@skein/model';
import { toZipkinV2Span } from './span-to-zipkin-v2.js';
import type { ZipkinV1Span } from './zipkin-v1-span.js';
import { convertZipkinV2Span } from './zipkin-v2-to-v1.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';

/** Model spans as Zipkin v1 JSON (model → v2 → v1 as Zipkin converts). */
export function encodeZipkinV1Json(spans: readonly Span[]): string {
  return writeZipkinV1Json(spans.map((s) => convertZipkinV2Span(toZipkinV2Span(s))));
}

/**
 * Zipkin v1 spans as v1 JSON, in the shape Zipkin's V1JsonSpanWriter gives: `name` and each
 * endpoint's `serviceName` always present (v1 readers require them; "" when unknown), address
 * annotations as `"value": true`, absent fields left out.
 */
export function writeZipkinV1Json(spans: readonly ZipkinV1Span[]): string {
  return JSON.stringify(
    spans.map((s) => ({
      traceId: s.traceId,
      ...(s.parentId !== undefined ? { parentId: s.parentId } : {}),
      id: s.id,
      name: s.name ?? '',
      ...(s.timestamp ? { timestamp: s.timestamp } : {}),
      ...(s.duration ? { duration: s.duration } : {}),
      ...(s.annotations.length > 0 ? { annotations: s.annotations.map((a) => ({ timestamp: a.timestamp, value: a.value, ...endpointJson(a.endpoint) })) } : {}),
      ...(s.binaryAnnotations.length > 0 ? { binaryAnnotations: s.binaryAnnotations.map((b) => ({ key: b.key, value: b.value ?? true, ...endpointJson(b.endpoint) })) } : {}),
      ...(s.debug ? { debug: true } : {}),
    })),
  );
}

const endpointJson = (e: ZipkinV2Endpoint | undefined) => (e ? { endpoint: { serviceName: e.serviceName ?? '', ...withoutServiceName(e) } } : {});

function withoutServiceName(e: ZipkinV2Endpoint): ZipkinV2Endpoint {
  const { serviceName: _name, ...rest } = e;
  return rest;
}
