import { array, attr, bool, bytes, double, int, kvlist, makeSpan, SpanKind, str, StatusCode, type Resource, type Span } from '@skein/model';

/**
 * The traces the HTTP tests write into a store and read back through the Jaeger APIs:
 * - A: web → api over OTLP-style 128-bit ids, every attribute type, events, a link, errors;
 * - B: a Zipkin trace with 64-bit ids where frontend's client span and backend's server span
 *   share one span id;
 * - C: an older, slow web trace for duration and time-window filters, flagged with an `error`
 *   attribute but no error status;
 * - D: a service whose name needs URL escaping, older than the default search window.
 */
export const NOW = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;
const MIN = 60_000n * MS;

const resource = (attributes: Resource['attributes']): Resource => ({ attributes, droppedAttributesCount: 0 });
const service = (name: string): Resource => resource([attr('service.name', str(name))]);

export const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
export const LINKED_TRACE = '0af7651916cd43dd8448eb211c80319c';
export const A_START = NOW - 10n * MIN;
const web = resource([attr('service.name', str('web')), attr('process.pid', int(4242)), attr('host.name', str('web-1'))]);
const webScope = { name: 'web-lib', version: '1.0.0', attributes: [] };

export const traceA: Span[] = [
  makeSpan({
    traceId: TRACE_A,
    spanId: '00f067aa0ba902b7',
    flags: 1,
    traceState: 'rojo=00f067aa0ba902b7',
    name: 'GET /checkout',
    kind: SpanKind.SERVER,
    startTimeUnixNano: A_START,
    endTimeUnixNano: A_START + 100n * MS + 500n,
    attributes: [
      attr('http.method', str('GET')),
      attr('http.status_code', int(200)),
      attr('sampling.ratio', double(0.25)),
      attr('cache.hit', bool(false)),
      attr('request.id', bytes(new Uint8Array([1, 2, 3, 4]))),
      attr('http.flavors', array([str('1.1'), str('2')])),
      attr('user', kvlist([attr('name', str('ann')), attr('id', int(7))])),
      attr('big', int(2n ** 60n)),
    ],
    events: [{ timeUnixNano: A_START + 5n * MS, name: 'cache-miss', attributes: [attr('key', str('cart:7'))], droppedAttributesCount: 0 }],
    links: [{ traceId: LINKED_TRACE, spanId: 'b7ad6b7169203331', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0 }],
    resource: web,
    scope: webScope,
  }),
  makeSpan({
    traceId: TRACE_A,
    spanId: '0af7651916cd43dd',
    parentSpanId: '00f067aa0ba902b7',
    flags: 1,
    name: 'POST api/charge',
    kind: SpanKind.CLIENT,
    startTimeUnixNano: A_START + 10n * MS,
    endTimeUnixNano: A_START + 70n * MS,
    attributes: [attr('peer.service', str('api'))],
    status: { code: StatusCode.ERROR, message: 'upstream failed' },
    resource: web,
    scope: webScope,
  }),
  makeSpan({
    traceId: TRACE_A,
    spanId: 'a1b2c3d4e5f60718',
    parentSpanId: '0af7651916cd43dd',
    name: 'POST /charge',
    kind: SpanKind.SERVER,
    startTimeUnixNano: A_START + 12n * MS,
    endTimeUnixNano: A_START + 68n * MS,
    status: { code: StatusCode.ERROR, message: 'card declined' },
    events: [
      {
        timeUnixNano: A_START + 60n * MS,
        name: 'exception',
        attributes: [attr('exception.type', str('CardError')), attr('exception.message', str('declined'))],
        droppedAttributesCount: 0,
      },
    ],
    resource: service('api'),
  }),
];

export const TRACE_B = '00000000000000007d1f5c4b3a291807';
export const B_START = NOW - 5n * MIN;
const frontend = service('frontend');
const backend = service('backend');
const zipkin = { traceId: TRACE_B, traceIdHigh64Absent: true };

export const traceB: Span[] = [
  makeSpan({ ...zipkin, spanId: '1111111111111111', name: 'GET /', kind: SpanKind.SERVER, startTimeUnixNano: B_START, endTimeUnixNano: B_START + 50n * MS, resource: frontend }),
  makeSpan({
    ...zipkin,
    spanId: '2222222222222222',
    parentSpanId: '1111111111111111',
    name: 'get /api',
    kind: SpanKind.CLIENT,
    startTimeUnixNano: B_START + 5n * MS,
    endTimeUnixNano: B_START + 45n * MS,
    resource: frontend,
  }),
  makeSpan({
    ...zipkin,
    spanId: '2222222222222222',
    parentSpanId: '1111111111111111',
    name: 'get /api',
    kind: SpanKind.SERVER,
    shared: true,
    startTimeUnixNano: B_START + 6n * MS,
    endTimeUnixNano: B_START + 44n * MS,
    resource: backend,
  }),
  makeSpan({
    ...zipkin,
    spanId: '3333333333333333',
    parentSpanId: '2222222222222222',
    name: 'db.query',
    startTimeUnixNano: B_START + 10n * MS,
    endTimeUnixNano: B_START + 30n * MS,
    resource: backend,
  }),
];

export const TRACE_C = 'c0ffee00000000000000000000000001';
export const C_START = NOW - 60n * MIN;

export const traceC: Span[] = [
  makeSpan({
    traceId: TRACE_C,
    spanId: 'c0ffee0000000001',
    name: 'GET /slow',
    kind: SpanKind.SERVER,
    startTimeUnixNano: C_START,
    endTimeUnixNano: C_START + 2_000n * MS,
    // Status unset but a literal OpenTracing `error` tag, as some instrumentations report errors.
    attributes: [attr('error', bool(true))],
    // A different Resource object with the same content as trace A's: still process "web".
    resource: resource([attr('service.name', str('web')), attr('host.name', str('web-1')), attr('process.pid', int(4242))]),
  }),
];

export const micros = (nanos: bigint): number => Number(nanos / 1000n);

export const TRACE_D = 'd0000000000000000000000000000001';
export const D_SERVICE = 'billing/v2 svc';
/** Older than Jaeger's default two-day search window. */
export const D_START = NOW - (49n * 60n + 30n) * MIN;

export const traceD: Span[] = [
  makeSpan({
    traceId: TRACE_D,
    spanId: 'd000000000000001',
    name: 'charge card',
    kind: SpanKind.INTERNAL,
    startTimeUnixNano: D_START,
    endTimeUnixNano: D_START + 3n * MS,
    resource: service(D_SERVICE),
  }),
];
