import { attr, bool, double, int, str, SpanKind, StatusCode, type Attribute, type Resource, type Span, type SpanEvent } from '@skein/model';

/**
 * Generates spans shaped like a small microservice shop's traffic: ~10 attributes per span
 * (HTTP server/client semantic conventions, DB calls, some high-cardinality values such as user
 * and request ids), 8 services with 2 instances each, 5–15 spans per trace, ~3 % errors with an
 * exception event. Deterministic for a given seed so runs compare.
 */
export interface RealisticSpanOptions {
  readonly seed?: number;
  /** Start of the first trace, Unix nanos. */
  readonly startNanos: bigint;
  /** Mean gap between trace starts, nanos. */
  readonly traceGapNanos?: bigint;
}

const SERVICES = ['frontend', 'cart', 'checkout', 'payments', 'shipping', 'auth', 'catalog', 'recommendations'] as const;
const ROUTES: Record<string, string[]> = {
  frontend: ['/', '/product/{id}', '/cart', '/checkout', '/login', '/search'],
  cart: ['/cart/{user}', '/cart/{user}/items', '/cart/{user}/empty'],
  checkout: ['/checkout', '/checkout/{order}/confirm'],
  payments: ['/charge', '/refund/{id}', '/authorize'],
  shipping: ['/quote', '/ship/{order}'],
  auth: ['/token', '/verify', '/refresh'],
  catalog: ['/products', '/products/{id}', '/categories'],
  recommendations: ['/recommend/{user}', '/similar/{id}'],
};
const DB_STATEMENTS = ['SELECT * FROM carts WHERE user_id = ?', 'UPDATE carts SET items = ? WHERE user_id = ?', 'SELECT id, name, price FROM products WHERE id = ?', 'INSERT INTO orders (user_id, total) VALUES (?, ?)', 'SELECT * FROM sessions WHERE token = ?'];

const HTTP_SCOPE = { name: '@opentelemetry/instrumentation-http', version: '0.52.1', attributes: [] };
const PG_SCOPE = { name: '@opentelemetry/instrumentation-pg', version: '0.43.0', attributes: [] };

/** Small fast PRNG (mulberry32): reproducible data without Math.random. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RealisticSpanGenerator {
  private readonly random: () => number;
  private readonly resources: Resource[][];
  private nextStart: bigint;
  private readonly gap: bigint;

  constructor(options: RealisticSpanOptions) {
    this.random = prng(options.seed ?? 1);
    this.nextStart = options.startNanos;
    this.gap = options.traceGapNanos ?? 1_000_000n;
    this.resources = SERVICES.map((service, s) =>
      [0, 1].map((instance) => ({
        attributes: [
          attr('service.name', str(service)),
          attr('service.version', str(`1.${s}.${instance}`)),
          attr('service.instance.id', str(`${service}-${instance}-7f9c`)),
          attr('host.name', str(`ip-10-0-${s}-${10 + instance}`)),
          attr('process.pid', int(1000 + s * 10 + instance)),
          attr('telemetry.sdk.name', str('opentelemetry')),
          attr('telemetry.sdk.language', str('nodejs')),
          attr('telemetry.sdk.version', str('1.25.1')),
        ],
        droppedAttributesCount: 0,
      })),
    );
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private hex(chars: number): string {
    let out = '';
    while (out.length < chars) out += Math.floor(this.random() * 0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, chars);
  }

  /** One whole trace (5–15 spans). */
  nextTrace(): Span[] {
    const traceId = this.hex(32);
    const start = this.nextStart;
    this.nextStart += BigInt(Math.floor(Number(this.gap) * 2 * this.random()));
    const count = 5 + Math.floor(this.random() * 11);
    const spans: Span[] = [];
    const userId = `user-${Math.floor(this.random() * 50_000)}`;
    const failing = this.random() < 0.03;
    let offset = 0n;
    for (let i = 0; i < count; i++) {
      const parent = i === 0 ? undefined : spans[Math.floor(this.random() * i)]!;
      const service = i === 0 ? 'frontend' : this.pick(SERVICES);
      const resource = this.pick(this.resources[SERVICES.indexOf(service)]!);
      const route = this.pick(ROUTES[service]!);
      const isDb = i > 0 && this.random() < 0.25;
      const kind = i === 0 ? SpanKind.SERVER : isDb ? SpanKind.CLIENT : this.pick([SpanKind.SERVER, SpanKind.CLIENT, SpanKind.INTERNAL]);
      const method = this.pick(['GET', 'GET', 'GET', 'POST', 'PUT']);
      const error = failing && i === count - 1;
      const statusCode = error ? this.pick([500, 502, 503]) : this.pick([200, 200, 200, 200, 201, 204, 404]);
      offset += BigInt(Math.floor(this.random() * 2_000_000));
      const spanStart = start + offset;
      const duration = BigInt(Math.floor(200_000 + this.random() * this.random() * 300_000_000));
      const attributes: Attribute[] = isDb
        ? [
            attr('db.system', str('postgresql')),
            attr('db.name', str('shop')),
            attr('db.statement', str(this.pick(DB_STATEMENTS))),
            attr('db.operation', str('SELECT')),
            attr('server.address', str('db.internal')),
            attr('server.port', int(5432)),
            attr('network.peer.address', str(`10.0.9.${Math.floor(this.random() * 4)}`)),
            attr('db.rows_affected', int(Math.floor(this.random() * 20))),
            attr('thread.id', int(Math.floor(this.random() * 16))),
            attr('peer.service', str('postgres')),
          ]
        : [
            attr('http.request.method', str(method)),
            attr('http.route', str(route)),
            attr('url.path', str(route.replace('{id}', String(Math.floor(this.random() * 1000))).replace('{user}', userId).replace('{order}', String(Math.floor(this.random() * 100000))))),
            attr('http.response.status_code', int(statusCode)),
            attr('server.address', str(`${service}.internal`)),
            attr('server.port', int(8080)),
            attr('user_agent.original', str(this.pick(['Mozilla/5.0 (X11; Linux x86_64)', 'okhttp/4.12.0', 'python-requests/2.31.0']))),
            attr('enduser.id', str(userId)),
            attr('http.request.body.size', int(Math.floor(this.random() * 4096))),
            ...(kind === SpanKind.CLIENT ? [attr('peer.service', str(this.pick(SERVICES)))] : [attr('sampled.ratio', double(1))]),
          ];
      const events: SpanEvent[] = error
        ? [{ timeUnixNano: spanStart + duration / 2n, name: 'exception', attributes: [attr('exception.type', str('UpstreamError')), attr('exception.message', str(`upstream returned ${statusCode}`)), attr('exception.escaped', bool(false))], droppedAttributesCount: 0 }]
        : [];
      spans.push({
        traceId,
        spanId: this.hex(16),
        parentSpanId: parent?.spanId ?? '',
        traceState: '',
        flags: 1,
        name: isDb ? `SELECT shop` : `${method} ${route}`,
        kind,
        startTimeUnixNano: spanStart,
        endTimeUnixNano: spanStart + duration,
        attributes,
        droppedAttributesCount: 0,
        events,
        droppedEventsCount: 0,
        links: [],
        droppedLinksCount: 0,
        status: error ? { code: StatusCode.ERROR, message: `HTTP ${statusCode}` } : { code: StatusCode.UNSET, message: '' },
        resource,
        scope: isDb ? PG_SCOPE : HTTP_SCOPE,
        traceIdHigh64Absent: false,
        shared: false,
      });
    }
    return spans;
  }

  /** At least `n` spans, whole traces. */
  nextSpans(n: number): Span[] {
    const out: Span[] = [];
    while (out.length < n) out.push(...this.nextTrace());
    return out;
  }
}
