import assert from 'node:assert/strict';
import { getJson } from './harness.js';

/** The Jaeger query API's JSON, as much of it as the e2e tests look at. */
export type JaegerTag = { key: string; type: string; value: unknown };
export type JaegerSpan = {
  traceID: string;
  spanID: string;
  operationName: string;
  references: Array<{ refType: string; traceID: string; spanID: string }>;
  startTime: number;
  duration: number;
  tags: JaegerTag[];
  logs: Array<{ timestamp: number; fields: JaegerTag[] }>;
  processID: string;
};
export type JaegerTrace = { traceID: string; spans: JaegerSpan[]; processes: Record<string, { serviceName: string; tags: JaegerTag[] }> };

/** The Zipkin v2 API's span JSON. */
export type ZipkinSpanJson = {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: string;
  shared?: boolean;
  timestamp?: number;
  duration?: number;
  localEndpoint?: { serviceName?: string };
  remoteEndpoint?: { serviceName?: string; ipv4?: string; port?: number };
  annotations?: Array<{ timestamp: number; value: string }>;
  tags?: Record<string, string>;
};

export async function jaegerTrace(queryUrl: string, traceId: string): Promise<JaegerTrace> {
  const { status, body } = await getJson<{ data: JaegerTrace[] }>(`${queryUrl}/api/traces/${traceId}`);
  assert.equal(status, 200, `trace ${traceId} not found through the Jaeger API`);
  return body.data[0]!;
}

export async function zipkinTrace(zipkinUrl: string, traceId: string): Promise<ZipkinSpanJson[]> {
  const { status, body } = await getJson<ZipkinSpanJson[]>(`${zipkinUrl}/api/v2/trace/${traceId}`);
  assert.equal(status, 200, `trace ${traceId} not found through the Zipkin API`);
  return body;
}

export const serviceOf = (t: JaegerTrace, s: JaegerSpan): string => t.processes[s.processID]!.serviceName;
export const tagOf = (s: { tags: JaegerTag[] }, key: string): JaegerTag | undefined => s.tags.find((t) => t.key === key);
export const childOfIds = (s: JaegerSpan): string[] => s.references.filter((r) => r.refType === 'CHILD_OF').map((r) => r.spanID);

/** Polls until the trace has at least `spans` spans (UDP has no acknowledgement to wait for). */
export async function waitForJaegerTrace(queryUrl: string, traceId: string, spans: number, timeoutMs = 10_000): Promise<JaegerTrace> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await getJson<{ data?: JaegerTrace[] }>(`${queryUrl}/api/traces/${traceId}`);
    const t = status === 200 ? body.data?.[0] : undefined;
    if (t && t.spans.length >= spans) return t;
    if (Date.now() > deadline) assert.fail(`trace ${traceId} did not reach ${spans} spans within ${timeoutMs} ms (has ${t?.spans.length ?? 0})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Parent operation names of every span named `name` (null for a root). Zipkin v1 clients such as
 * py_zipkin record local spans with cs/sr/ss/cr; Zipkin (and so Skein) turns such a span into a
 * client half and a server half under one id, so a name can occur twice.
 */
export function parentNamesOf(t: JaegerTrace, name: string): Array<string | null> {
  const byId = new Map(t.spans.map((s) => [s.spanID, s]));
  return t.spans
    .filter((s) => s.operationName === name)
    .map((s) => {
      const parent = childOfIds(s)[0];
      return parent === undefined ? null : (byId.get(parent)?.operationName ?? `missing ${parent}`);
    });
}
