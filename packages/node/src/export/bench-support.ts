import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';
import type { FinishedSpan, FinishedSpanEvent, InstrumentationScope, SpanResource } from '../trace/finished-span.js';
import { OtlpProtobufEncoder } from './otlp/encode-otlp-protobuf.js';

/*
 * Helpers for benchmarks (npm run bench): realistic spans and the cost of encoding them. Not
 * used by the SDK at runtime.
 */

const benchResource: SpanResource = {
  attributes: {
    'service.name': 'checkout',
    'service.version': '2.4.1',
    'deployment.environment.name': 'production',
    'host.name': 'ip-10-0-3-17',
    'process.pid': 4242,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': '20.20.2',
    'telemetry.sdk.name': '@skein/node',
    'telemetry.sdk.language': 'nodejs',
    'telemetry.sdk.version': '0.1.0',
  },
};
const benchScope: InstrumentationScope = { name: '@skein/node/http', version: '0.1.0', schemaUrl: undefined };

const ROUTES = ['/api/cart/:id', '/api/checkout', '/api/products', '/api/users/:id/orders', '/health'];
const METHODS = ['GET', 'POST', 'GET', 'PUT', 'GET'];
const STATUS = [200, 201, 200, 404, 500];
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

function hexOf(n: number, digits: number): string {
  return (n >>> 0).toString(16).padStart(8, '0').repeat(digits / 8);
}

/**
 * `count` realistic HTTP server spans: 10 attributes each (method, route, status code, URL
 * parts, user agent, peer address and port, two custom), a parent on most, one event in every
 * 10th span. Deterministic, sharing one resource and scope (as one tracer would).
 */
export function makeRealisticSpans(count: number): FinishedSpan[] {
  const spans: FinishedSpan[] = [];
  const start = 1_717_171_717_000.25;
  for (let i = 0; i < count; i++) {
    const k = i % ROUTES.length;
    const context: SpanContext = {
      traceId: hexOf(0x9e3779b9 * (i + 1), 32),
      spanId: hexOf(0x85ebca6b * (i + 7), 16),
      traceFlags: 1,
    };
    const startTimeUnixMs = start + i * 1.337;
    const status = STATUS[k]!;
    const events: FinishedSpanEvent[] =
      i % 10 === 0
        ? [{ name: 'cache.miss', timeUnixMs: startTimeUnixMs + 0.5, attributes: { 'cache.key': `cart:${i}` }, droppedAttributesCount: 0 }]
        : [];
    spans.push({
      name: `${METHODS[k]} ${ROUTES[k]}`,
      kind: SpanKind.SERVER,
      spanContext: () => context,
      parentSpanId: i % 4 === 0 ? undefined : hexOf(0xc2b2ae35 * (i + 3), 16),
      parentSpanIsRemote: i % 4 === 0 ? undefined : true,
      startTimeUnixMs,
      endTimeUnixMs: startTimeUnixMs + 3.75 + (i % 7),
      attributes: {
        'http.request.method': METHODS[k]!,
        'http.route': ROUTES[k]!,
        'http.response.status_code': status,
        'url.path': ROUTES[k]!.replace(':id', String(1000 + i)),
        'url.scheme': 'http',
        'user_agent.original': USER_AGENT,
        'network.peer.address': '10.0.3.' + (i % 250),
        'network.peer.port': 40000 + (i % 20000),
        'app.tenant': 'tenant-' + (i % 17),
        'app.cart.items': i % 9,
      },
      droppedAttributesCount: 0,
      events,
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: status >= 500 ? { code: SpanStatusCode.ERROR, message: 'Internal Server Error' } : { code: SpanStatusCode.UNSET },
      resource: benchResource,
      scope: benchScope,
    });
  }
  return spans;
}

/**
 * Encodes `spans` as one OTLP/protobuf request `iterations` times (after a warm-up) and
 * reports the mean cost per span. Uses its own encoder, as an exporter would.
 */
export function measureOtlpEncodeCost(spans: readonly FinishedSpan[], iterations: number): { nsPerSpan: number } {
  const encoder = new OtlpProtobufEncoder();
  const warmup = Math.max(10, Math.min(iterations, 200));
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += encoder.encode(spans).length;
  const started = performance.now();
  for (let i = 0; i < iterations; i++) sink += encoder.encode(spans).length;
  const elapsedMs = performance.now() - started;
  if (sink === -1) console.log(sink); // keeps the work observable to the optimiser
  return { nsPerSpan: (elapsedMs * 1e6) / (iterations * Math.max(1, spans.length)) };
}
