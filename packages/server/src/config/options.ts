import { parseDuration } from '@skein/model';

/**
 * Every setting, declared once: its flag, its SKEIN_* variable, its config-file key (the flag
 * name), its type and default. Loading, validation, `--help` and the README table all come from
 * this list, so they cannot drift apart.
 */
export interface SkeinConfig {
  readonly host: string;
  readonly dataDir: string;
  readonly storage: 'duckdb' | 'memory';
  readonly otlpHttpPort: number;
  readonly zipkinPort: number;
  readonly queryPort: number;
  /** Age limit in nanoseconds; 0 keeps data forever. */
  readonly retention: bigint;
  /** Size cap in bytes; 0 means no cap. */
  readonly retentionSize: number;
  readonly retentionInterval: bigint;
  readonly maxBodySize: number;
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

const opt = <K extends keyof SkeinConfig>(spec: OptionSpec<K>): OptionSpec<K> => spec;

export const OPTIONS: readonly OptionSpec[] = [
  opt({ key: 'host', flag: 'host', env: 'SKEIN_HOST', default: '127.0.0.1', help: 'address every port listens on (0.0.0.0 to expose)', parse: text }),
  opt({ key: 'dataDir', flag: 'data-dir', env: 'SKEIN_DATA_DIR', default: './skein-data', help: 'directory of the embedded store', parse: text }),
  opt({ key: 'storage', flag: 'storage', env: 'SKEIN_STORAGE', default: 'duckdb', help: 'duckdb (embedded, durable) or memory (tests, demos)', parse: oneOf('duckdb', 'memory') }),
  opt({ key: 'otlpHttpPort', flag: 'otlp-http-port', env: 'SKEIN_OTLP_HTTP_PORT', default: '4318', help: 'OTLP/HTTP receiver (POST /v1/traces)', parse: port }),
  opt({ key: 'zipkinPort', flag: 'zipkin-port', env: 'SKEIN_ZIPKIN_PORT', default: '9411', help: 'Zipkin receiver and Zipkin query API', parse: port }),
  opt({ key: 'queryPort', flag: 'query-port', env: 'SKEIN_QUERY_PORT', default: '16686', help: 'Jaeger query API, Skein API, /metrics, /livez, /readyz', parse: port }),
  opt({ key: 'retention', flag: 'retention', env: 'SKEIN_RETENTION', default: '7d', help: 'drop data older than this (whole days); "off" keeps all', parse: duration }),
  opt({ key: 'retentionSize', flag: 'retention-size', env: 'SKEIN_RETENTION_SIZE', default: 'off', help: 'drop the oldest days while the store is larger than this', parse: parseBytes }),
  opt({ key: 'retentionInterval', flag: 'retention-interval', env: 'SKEIN_RETENTION_INTERVAL', default: '5m', help: 'how often retention runs', parse: duration }),
  opt({ key: 'maxBodySize', flag: 'max-body-size', env: 'SKEIN_MAX_BODY_SIZE', default: '20MiB', help: 'largest request body, after decompression (413 beyond)', parse: parseBytes }),
  opt({ key: 'maxQueuedSpans', flag: 'max-queued-spans', env: 'SKEIN_MAX_QUEUED_SPANS', default: '200000', help: 'spans waiting for a commit before clients get 503 + Retry-After', parse: positiveInt }),
  opt({ key: 'maxBatchSpans', flag: 'max-batch-spans', env: 'SKEIN_MAX_BATCH_SPANS', default: '50000', help: 'largest group commit', parse: positiveInt }),
  opt({ key: 'maxAttributeLength', flag: 'max-attribute-length', env: 'SKEIN_MAX_ATTRIBUTE_LENGTH', default: '32768', help: 'longer attribute values are truncated', parse: positiveInt }),
  opt({ key: 'logLevel', flag: 'log-level', env: 'SKEIN_LOG_LEVEL', default: 'info', help: 'fatal, error, warn, info, debug, trace or silent', parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent') }),
];
