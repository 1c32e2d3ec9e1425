import { type Attribute, type InstrumentationScope, type Resource, type Span, SpanKind, StatusCode, attr, double, int, makeSpan, str } from '@skein/model';

/**
 * Deterministic, realistic spans for throughput measurements: five services, HTTP server and
 * client spans and database spans with about ten attributes each, some errors, events and
 * links, the way an instrumented service mesh exports them.
 */
export function sampleSpans(count: number, seed = 1): Span[] {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const hex = (bytes: number): string => {
    let s = '';
    for (let i = 0; i < bytes; i++) s += Math.floor(random() * 256).toString(16).padStart(2, '0');
    return s;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const resources: Resource[] = SERVICES.map((service, i) => ({
    attributes: [
      attr('service.name', str(service)),
      attr('service.version', str(`1.${i}.${i * 3}`)),
      attr('deployment.environment', str('production')),
      attr('host.name', str(`${service}-7d9f8b-${i}x${i}`)),
      attr('telemetry.sdk.name', str('opentelemetry')),
      attr('telemetry.sdk.language', str('nodejs')),
      attr('telemetry.sdk.version', str('1.30.1')),
    ],
    droppedAttributesCount: 0,
  }));
  const scope: InstrumentationScope = { name: '@opentelemetry/instrumentation-http', version: '0.57.2', attributes: [] };

  const spans: Span[] = [];
  let traceId = hex(16);
  let parentSpanId = '';
  const startBase = 1_795_234_584_000_000_000n;
  for (let i = 0; i < count; i++) {
    if (i % 8 === 0) {
      traceId = hex(16);
      parentSpanId = '';
    }
    const spanId = hex(8);
    const start = startBase + BigInt(i) * 1_000_000n + BigInt(Math.floor(random() * 1_000_000));
    const duration = BigInt(Math.floor(random() * 250_000_000) + 50_000);
    const isError = random() < 0.05;
    const route = pick(ROUTES);
    const kindRoll = random();
    const kind = parentSpanId === '' ? SpanKind.SERVER : kindRoll < 0.5 ? SpanKind.CLIENT : kindRoll < 0.8 ? SpanKind.INTERNAL : SpanKind.SERVER;
    const attributes: Attribute[] =
      kind === SpanKind.INTERNAL
        ? [
            attr('db.system', str('postgresql')),
            attr('db.namespace', str('users')),
            attr('db.operation.name', str('SELECT')),
            attr('db.query.text', str(`SELECT id, name, email FROM users WHERE id = $1 AND tenant = $2 -- ${route}`)),
            attr('server.address', str('pg-primary.internal')),
            attr('server.port', int(5432)),
            attr('db.response.returned_rows', int(Math.floor(random() * 100))),
            attr('thread.id', int(Math.floor(random() * 64))),
            attr('code.function', str('UserRepository.findById')),
            attr('pool.utilization', double(random())),
          ]
        : [
            attr('http.request.method', str(pick(METHODS))),
            attr('url.full', str(`https://${pick(SERVICES)}.internal:8443${route}?page=${i % 7}`)),
            attr('http.route', str(route)),
            attr('http.response.status_code', int(isError ? 503 : 200)),
            attr('server.address', str(`${pick(SERVICES)}.internal`)),
            attr('server.port', int(8443)),
            attr('network.protocol.version', str('1.1')),
            attr('user_agent.original', str('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36')),
            attr('http.request.body.size', int(Math.floor(random() * 4096))),
            attr('retry', { type: 'bool', value: random() < 0.1 }),
          ];
    spans.push(
      makeSpan({
        traceId,
        spanId,
        parentSpanId,
        flags: 1,
        name: kind === SpanKind.INTERNAL ? 'SELECT users' : `${pick(METHODS)} ${route}`,
        kind,
        startTimeUnixNano: start,
        endTimeUnixNano: start + duration,
        attributes,
        events: isError
          ? [{ timeUnixNano: start + duration / 2n, name: 'exception', attributes: [attr('exception.type', str('UpstreamError')), attr('exception.message', str('upstream unavailable'))], droppedAttributesCount: 0 }]
          : [],
        links: random() < 0.05 ? [{ traceId: hex(16), spanId: hex(8), traceState: '', attributes: [], droppedAttributesCount: 0, flags: 1 }] : [],
        status: isError ? { code: StatusCode.ERROR, message: 'upstream unavailable' } : { code: StatusCode.UNSET, message: '' },
        resource: resources[i % resources.length]!,
        scope,
      }),
    );
    parentSpanId = spanId;
  }
  return spans;
}

const SERVICES = ['frontend', 'checkout', 'cart', 'payments', 'users'] as const;
const ROUTES = ['/api/v1/users/:id', '/api/v1/cart', '/api/v1/checkout', '/api/v1/products/:sku', '/healthz'] as const;
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT'] as const;
