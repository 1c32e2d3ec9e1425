import { parseDuration } from '@skein/model';

/**
 * Every setting, declared once: its flag, its SKEIN_* variable, its config-file key (the flag
 * name), its type and default. Loading, validation, `--help` and the README table all come from
 * this list, so they cannot drift apart.
 */
export interface SkeinConfig {
  readonly host: string;
  readonly dataDir: string;
  readonly storage: 'duckdb' | 'memory' | 'none';
  /** Receiver ports; null when the receiver is switched off. */
  readonly otlpGrpcPort: number | null;
  readonly otlpHttpPort: number | null;
  readonly zipkinPort: number | null;
  readonly jaegerHttpPort: number | null;
  readonly jaegerGrpcPort: number | null;
  readonly jaegerCompactPort: number | null;
  readonly jaegerBinaryPort: number | null;
  readonly xrayPort: number | null;
  readonly samplingPort: number | null;
  readonly queryPort: number;
  /** Jaeger sampling strategies file; undefined serves Jaeger's default strategy. */
  readonly samplingStrategies: string | undefined;
  /** Forward everything received, as OTLP/HTTP protobuf, to this URL (undefined: no forwarding). */
  readonly forwardEndpoint: string | undefined;
  readonly forwardHeaders: Readonly<Record<string, string>>;
  readonly forwardQueueSpans: number;
  /** Age limit in nanoseconds; 0 keeps data forever. */
  readonly retention: bigint;
  /** Size cap in bytes; 0 means no cap. */
  readonly retentionSize: number;
  readonly retentionInterval: bigint;
  readonly maxBodySize: number;
  readonly maxGrpcMessageSize: number;
  readonly maxQueuedSpans: number;
  readonly maxBatchSpans: number;
  readonly maxAttributeLength: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** A parsed value, or the reason the text is not one. */
export type Parsed<T> = { readonly value: T } | { readonly error: string };
type Parser<T> = (text: string) => Parsed<T>;
const ok = <T>(value: T): Parsed<T> => ({ value });
const bad = <T>(error: string): Parsed<T> => ({ error });

export interface OptionSpec<K extends keyof SkeinConfig = keyof SkeinConfig> {
  readonly key: K;
  readonly flag: string;
  readonly env: string;
  readonly default: string;
  readonly help: string;
  readonly parse: Parser<SkeinConfig[K]>;
}

const port: Parser<number> = (t) => {
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 && n <= 65535 && t.trim() !== '' ? ok(n) : bad(`expected a port number 0-65535, got "${t}"`);
};
/** A port, or "off" (null) to switch that receiver off. */
const portOrOff: Parser<number | null> = (t) => (t === 'off' ? ok(null) : port(t));
const positiveInt: Parser<number> = (t) => {
  const n = Number(t);
  return Number.isInteger(n) && n > 0 ? ok(n) : bad(`expected a positive integer, got "${t}"`);
};
const duration: Parser<bigint> = (t) => {
  if (t === 'off' || t === 'forever') return ok(0n);
  const ns = parseDuration(t);
  return ns === undefined ? bad(`expected a duration like 7d, 12h, 30m or "off", got "${t}"`) : ok(ns);
};
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };
export const parseBytes: Parser<number> = (t) => {
  if (t === 'off') return ok(0);
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(t.trim());
  const unit = m ? BYTE_UNITS[m[2]!.toLowerCase()] : undefined;
  return m && unit !== undefined ? ok(Math.round(Number(m[1]) * unit)) : bad(`expected a size like 512MiB, 10GB or "off", got "${t}"`);
};
const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (t) =>
    (values as string[]).includes(t) ? ok(t as T) : bad(`expected one of ${values.join(', ')}, got "${t}"`);
const text: Parser<string> = (t) => (t.length > 0 ? ok(t) : bad('must not be empty'));
const pathOrOff: Parser<string | undefined> = (t) => (t === 'off' || t === '' ? ok(undefined) : ok(t));
const urlOrOff: Parser<string | undefined> = (t) => {
  if (t === 'off' || t === '') return ok(undefined);
  try {
    const u = new URL(t);
    return u.protocol === 'http:' || u.protocol === 'https:' ? ok(t) : bad(`expected an http(s) URL, got "${t}"`);
  } catch {
    return bad(`expected a URL like https://api.honeycomb.io/v1/traces or "off", got "${t}"`);
  }
};
/**
 * `key=value` pairs separated by commas, values percent-decoded: the format of
 * OTEL_EXPORTER_OTLP_HEADERS, so a value can be copied from an OpenTelemetry setup.
 */
export const parseHeaderList: Parser<Readonly<Record<string, string>>> = (t) => {
  const headers: Record<string, string> = {};
  if (t === 'none' || t.trim() === '') return ok(headers);
  for (const item of t.split(',')) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq).trim().toLowerCase() : '';
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key)) return bad(`expected key=value pairs separated by commas, got "${item.trim()}"`);
    try {
      headers[key] = decodeURIComponent(item.slice(eq + 1).trim());
    } catch {
      return bad(`the value of "${key}" is not valid percent-encoding`);
    }
  }
  return ok(headers);
};

const opt = <K extends keyof SkeinConfig>(spec: OptionSpec<K>): OptionSpec<K> => spec;

export const OPTIONS: readonly OptionSpec[] = [
  opt({ key: 'host', flag: 'host', env: 'SKEIN_HOST', default: '127.0.0.1', help: 'address every port listens on (0.0.0.0 to expose)', parse: text }),
  opt({ key: 'dataDir', flag: 'data-dir', env: 'SKEIN_DATA_DIR', default: './skein-data', help: 'directory of the embedded store', parse: text }),
  opt({ key: 'storage', flag: 'storage', env: 'SKEIN_STORAGE', default: 'duckdb', help: 'duckdb (embedded, durable), memory (tests, demos) or none (forward only)', parse: oneOf('duckdb', 'memory', 'none') }),
  opt({ key: 'otlpGrpcPort', flag: 'otlp-grpc-port', env: 'SKEIN_OTLP_GRPC_PORT', default: '4317', help: 'OTLP/gRPC receiver (TraceService/Export); "off" disables (so for every port below)', parse: portOrOff }),
  opt({ key: 'otlpHttpPort', flag: 'otlp-http-port', env: 'SKEIN_OTLP_HTTP_PORT', default: '4318', help: 'OTLP/HTTP receiver (POST /v1/traces)', parse: portOrOff }),
  opt({ key: 'zipkinPort', flag: 'zipkin-port', env: 'SKEIN_ZIPKIN_PORT', default: '9411', help: 'Zipkin receiver (v1 Thrift/JSON, v2 JSON/proto3) and Zipkin query API', parse: portOrOff }),
  opt({ key: 'jaegerHttpPort', flag: 'jaeger-http-port', env: 'SKEIN_JAEGER_HTTP_PORT', default: '14268', help: 'Jaeger collector Thrift over HTTP (POST /api/traces)', parse: portOrOff }),
  opt({ key: 'jaegerGrpcPort', flag: 'jaeger-grpc-port', env: 'SKEIN_JAEGER_GRPC_PORT', default: '14250', help: 'Jaeger collector gRPC (CollectorService/PostSpans)', parse: portOrOff }),
  opt({ key: 'jaegerCompactPort', flag: 'jaeger-compact-port', env: 'SKEIN_JAEGER_COMPACT_PORT', default: '6831', help: 'Jaeger agent UDP emitBatch (compact or binary Thrift)', parse: portOrOff }),
  opt({ key: 'jaegerBinaryPort', flag: 'jaeger-binary-port', env: 'SKEIN_JAEGER_BINARY_PORT', default: '6832', help: 'Jaeger agent UDP emitBatch (binary or compact Thrift)', parse: portOrOff }),
  opt({ key: 'xrayPort', flag: 'xray-port', env: 'SKEIN_XRAY_PORT', default: '2000', help: 'AWS X-Ray daemon protocol (UDP)', parse: portOrOff }),
  opt({ key: 'samplingPort', flag: 'sampling-port', env: 'SKEIN_SAMPLING_PORT', default: '5778', help: 'Jaeger remote sampling (GET /api/sampling?service=)', parse: portOrOff }),
  opt({ key: 'queryPort', flag: 'query-port', env: 'SKEIN_QUERY_PORT', default: '16686', help: 'Jaeger query API, Skein API, /metrics, /livez, /readyz', parse: port }),
  opt({ key: 'samplingStrategies', flag: 'sampling-strategies', env: 'SKEIN_SAMPLING_STRATEGIES', default: 'off', help: 'Jaeger sampling strategies file (JSON), reloaded when it changes; "off" serves the default strategy', parse: pathOrOff }),
  opt({ key: 'forwardEndpoint', flag: 'forward-endpoint', env: 'SKEIN_FORWARD_ENDPOINT', default: 'off', help: 'also send every accepted span, as OTLP/HTTP protobuf, to this URL (e.g. https://api.honeycomb.io/v1/traces)', parse: urlOrOff }),
  opt({ key: 'forwardHeaders', flag: 'forward-headers', env: 'SKEIN_FORWARD_HEADERS', default: 'none', help: 'headers for --forward-endpoint: key=value,key2=value2 (as OTEL_EXPORTER_OTLP_HEADERS)', parse: parseHeaderList }),
  opt({ key: 'forwardQueueSpans', flag: 'forward-queue-spans', env: 'SKEIN_FORWARD_QUEUE_SPANS', default: '100000', help: 'spans waiting to be forwarded; beyond it they are dropped (or, with --storage none, clients get 503)', parse: positiveInt }),
  opt({ key: 'retention', flag: 'retention', env: 'SKEIN_RETENTION', default: '7d', help: 'drop data older than this (whole days); "off" keeps all', parse: duration }),
  opt({ key: 'retentionSize', flag: 'retention-size', env: 'SKEIN_RETENTION_SIZE', default: 'off', help: 'drop the oldest days while the store is larger than this', parse: parseBytes }),
  opt({ key: 'retentionInterval', flag: 'retention-interval', env: 'SKEIN_RETENTION_INTERVAL', default: '5m', help: 'how often retention runs', parse: duration }),
  opt({ key: 'maxBodySize', flag: 'max-body-size', env: 'SKEIN_MAX_BODY_SIZE', default: '20MiB', help: 'largest request body, after decompression (413 beyond)', parse: parseBytes }),
  opt({ key: 'maxGrpcMessageSize', flag: 'max-grpc-message-size', env: 'SKEIN_MAX_GRPC_MESSAGE_SIZE', default: '4MiB', help: 'largest gRPC message, after decompression (RESOURCE_EXHAUSTED beyond)', parse: parseBytes }),
  opt({ key: 'maxQueuedSpans', flag: 'max-queued-spans', env: 'SKEIN_MAX_QUEUED_SPANS', default: '200000', help: 'spans waiting for a commit before clients get 503 + Retry-After', parse: positiveInt }),
  opt({ key: 'maxBatchSpans', flag: 'max-batch-spans', env: 'SKEIN_MAX_BATCH_SPANS', default: '50000', help: 'largest group commit', parse: positiveInt }),
  opt({ key: 'maxAttributeLength', flag: 'max-attribute-length', env: 'SKEIN_MAX_ATTRIBUTE_LENGTH', default: '32768', help: 'longer attribute values are truncated', parse: positiveInt }),
  opt({ key: 'logLevel', flag: 'log-level', env: 'SKEIN_LOG_LEVEL', default: 'info', help: 'fatal, error, warn, info, debug, trace or silent', parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent') }),
];
