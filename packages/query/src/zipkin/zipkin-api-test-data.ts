import { SpanKind, StatusCode, attr, int, makeSpan, str, type Resource, type Span } from '@skein/model';
import { readWireFixture } from '@skein/testkit';
import { decodeZipkinV2Json, type ZipkinV2Span } from '@skein/wire';

/**
 * What the Zipkin query API tests store: the three Zipkin v2 fixtures (real clients' bytes,
 * decoded by the real codec) plus three traces written for what the fixtures lack.
 * The clock is fixed so windows are exact: the fixtures were recorded ~1.5 h before NOW_MS.
 */
export const NOW_MS = 1_795_240_000_000n;
const HOUR_US = 3_600_000_000;
const nowUs = Number(NOW_MS) * 1000;

export const FIXTURE_FILES = ['zipkinjs-v2.bin', 'pyzipkin-V2_JSON.bin', 'otel-zipkin.bin'] as const;
export const fixtureJson = (file: (typeof FIXTURE_FILES)[number]): ZipkinV2Span[] => JSON.parse(readWireFixture(file).toString('utf8')) as ZipkinV2Span[];

/**
 * A Zipkin RPC whose client (frontend) and server (backend) halves share span id …a2, as
 * Brave and zipkin-js report them; the server half failed. Backend then calls mysql.
 * 64-bit trace id. One hour before NOW.
 */
export const SHARED_TRACE_ID = '5af7183fb1d4cf5f';
const s0 = nowUs - HOUR_US;
export const sharedTraceJson: ZipkinV2Span[] = [
  { traceId: SHARED_TRACE_ID, id: 'aaaaaaaaaaaaaaa1', kind: 'SERVER', name: 'get /', timestamp: s0, duration: 9000, localEndpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 } },
  { traceId: SHARED_TRACE_ID, parentId: 'aaaaaaaaaaaaaaa1', id: 'aaaaaaaaaaaaaaa2', kind: 'CLIENT', name: 'get /api', timestamp: s0 + 1000, duration: 7000, localEndpoint: { serviceName: 'frontend' }, remoteEndpoint: { serviceName: 'backend' } },
  {
    traceId: SHARED_TRACE_ID,
    parentId: 'aaaaaaaaaaaaaaa1',
    id: 'aaaaaaaaaaaaaaa2',
    kind: 'SERVER',
    name: 'get /api',
    timestamp: s0 + 1500,
    duration: 6000,
    localEndpoint: { serviceName: 'backend', ipv4: '10.0.0.2' },
    annotations: [{ timestamp: s0 + 2000, value: 'cache.miss' }],
    tags: { 'http.path': '/api', error: 'true' },
    shared: true,
  },
  { traceId: SHARED_TRACE_ID, parentId: 'aaaaaaaaaaaaaaa2', id: 'aaaaaaaaaaaaaaa3', kind: 'CLIENT', name: 'select', timestamp: s0 + 2500, duration: 3000, localEndpoint: { serviceName: 'backend' }, remoteEndpoint: { serviceName: 'mysql', ipv4: '10.0.0.3', port: 3306 } },
  { traceId: SHARED_TRACE_ID, parentId: 'aaaaaaaaaaaaaaa3', id: 'aaaaaaaaaaaaaaa4', kind: 'SERVER', name: 'select', timestamp: s0 + 2600, duration: 2800, localEndpoint: { serviceName: 'mysql' } },
];

/** An old Zipkin trace: three days before NOW, outside the default one-day lookback. */
export const OLD_TRACE_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const oldTraceJson: ZipkinV2Span[] = [{ traceId: OLD_TRACE_ID, id: 'c0ffee00c0ffee01', kind: 'SERVER', name: 'get /old', timestamp: nowUs - 72 * HOUR_US, duration: 500, localEndpoint: { serviceName: 'frontend' } }];

/**
 * A trace as OTLP delivers it: typed attributes, an INTERNAL span, an ERROR status without any
 * `error` tag, an event. Two hours before NOW; the root lasts 1.5 s.
 */
export const OTLP_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const billing: Resource = { attributes: [attr('service.name', str('billing')), attr('service.version', str('3.1.0'))], droppedAttributesCount: 0 };
const o0 = BigInt(NOW_MS - 2n * 3_600_000n) * 1_000_000n;
export const otlpTrace: Span[] = [
  makeSpan({
    traceId: OTLP_TRACE_ID,
    spanId: 'b7ad6b7169203331',
    name: 'POST /pay',
    kind: SpanKind.SERVER,
    startTimeUnixNano: o0,
    endTimeUnixNano: o0 + 1_500_000_000n,
    attributes: [attr('http.response.status_code', int(402))],
    status: { code: StatusCode.ERROR, message: 'card expired' },
    resource: billing,
  }),
  makeSpan({
    traceId: OTLP_TRACE_ID,
    spanId: 'b7ad6b7169203332',
    parentSpanId: 'b7ad6b7169203331',
    name: 'validate',
    kind: SpanKind.INTERNAL,
    startTimeUnixNano: o0 + 1_000_000n,
    endTimeUnixNano: o0 + 2_000_000n,
    attributes: [attr('retry', int(1))],
    events: [{ timeUnixNano: o0 + 1_500_000n, name: 'retrying', attributes: [], droppedAttributesCount: 0 }],
    resource: billing,
  }),
];

export function allTestSpans(): Span[] {
  return [
    ...FIXTURE_FILES.flatMap((f) => decodeZipkinV2Json(readWireFixture(f))),
    ...decodeZipkinV2Json(JSON.stringify(sharedTraceJson)),
    ...decodeZipkinV2Json(JSON.stringify(oldTraceJson)),
    ...otlpTrace,
  ];
}
