import { parseArgs } from 'node:util';
import { DEFAULT_SDK_OPTIONS, type SdkBenchOptions } from './sdk/sdk-bench-options.js';

export interface BenchOptions {
  /** Spans to ingest over OTLP/protobuf (the volume queries are measured at). */
  readonly spans: number;
  /** Spans to ingest over OTLP/JSON afterwards (a smaller run: JSON is the slower format). */
  readonly jsonSpans: number;
  readonly concurrency: number;
  readonly maxSpansPerRequest: number;
  /** Distinct request templates per format; more costs memory, not time per request. */
  readonly templates: number;
  readonly decodeSeconds: number;
  readonly traceLookups: number;
  readonly searchRuns: number;
  /** Keep the data directory instead of deleting it at the end. */
  readonly keepData: boolean;
  /** Leave out the UI phase (headless Chromium); the run says loudly that it did. */
  readonly skipUi: boolean;
  /** Leave out the SDK phase (@skein/node vs OpenTelemetry JS); the run says loudly that it did. */
  readonly skipSdk: boolean;
  readonly sdk: SdkBenchOptions;
}

export const DEFAULT_SPANS = 1_000_000;

export const BENCH_HELP = `Usage: npm run bench -- [options]     (or node packages/bench/dist/run-bench.js [options])
  --spans N             spans to ingest over OTLP/protobuf (default ${DEFAULT_SPANS.toLocaleString('en-US')}; env BENCH_SPANS)
  --json-spans N        spans to ingest over OTLP/JSON (default spans/10, at least 10,240; env BENCH_JSON_SPANS)
  --concurrency N       requests in flight (default 8)
  --batch N             most spans per request (default 512, the OTel BatchSpanProcessor's export size)
  --templates N         distinct encoded requests per format that sends are made from (default 128)
  --decode-seconds S    time per decode-only measurement (default 3)
  --trace-lookups N     distinct trace ids fetched per API (default 50)
  --search-runs N       runs of the search query (default 20)
  --keep-data           keep the data directory
  --skip-ui             leave out the UI phase (headless Chromium: first waterfall paint, heap, scroll frames)
  --skip-sdk            leave out the SDK phase (@skein/node vs OpenTelemetry JS: span and encode cost, HTTP throughput)
  --sdk-http-seconds S  timed load per hello-world HTTP run in the SDK phase (default ${DEFAULT_SDK_OPTIONS.httpSeconds})
  --sdk-http-rounds N   interleaved runs of each HTTP variant, median reported (default ${DEFAULT_SDK_OPTIONS.httpRounds})
Accepts 1e6, 10M, 1_000_000 style numbers.`;

/** "10M", "1e7", "1_000_000", "250k" → a whole number. */
export function parseCount(text: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(text.replaceAll('_', '').replaceAll(',', '').trim());
  const n = m ? Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1) : NaN;
  if (!Number.isFinite(n) || n <= 0 || !Number.isInteger(Math.round(n))) throw new Error(`${name}: expected a positive number like 1000000, 1e6 or 10M, got "${text}"`);
  return Math.round(n);
}

export function parseBenchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      spans: { type: 'string' },
      'json-spans': { type: 'string' },
      concurrency: { type: 'string' },
      batch: { type: 'string' },
      templates: { type: 'string' },
      'decode-seconds': { type: 'string' },
      'trace-lookups': { type: 'string' },
      'search-runs': { type: 'string' },
      'keep-data': { type: 'boolean' },
      'skip-ui': { type: 'boolean' },
      'skip-sdk': { type: 'boolean' },
      'sdk-http-seconds': { type: 'string' },
      'sdk-http-rounds': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const count = (flag: string, text: string | undefined, fallback: number): number => (text === undefined ? fallback : parseCount(text, flag));
  const spans = count('--spans', values.spans ?? env.BENCH_SPANS, DEFAULT_SPANS);
  return {
    spans,
    jsonSpans: count('--json-spans', values['json-spans'] ?? env.BENCH_JSON_SPANS, Math.max(10_240, Math.round(spans / 10))),
    concurrency: count('--concurrency', values.concurrency, 8),
    maxSpansPerRequest: count('--batch', values.batch, 512),
    templates: count('--templates', values.templates, 128),
    decodeSeconds: count('--decode-seconds', values['decode-seconds'], 3),
    traceLookups: count('--trace-lookups', values['trace-lookups'], 50),
    searchRuns: count('--search-runs', values['search-runs'], 20),
    keepData: values['keep-data'] ?? false,
    skipUi: values['skip-ui'] ?? false,
    skipSdk: values['skip-sdk'] ?? false,
    sdk: {
      ...DEFAULT_SDK_OPTIONS,
      httpSeconds: count('--sdk-http-seconds', values['sdk-http-seconds'], DEFAULT_SDK_OPTIONS.httpSeconds),
      httpRounds: count('--sdk-http-rounds', values['sdk-http-rounds'], DEFAULT_SDK_OPTIONS.httpRounds),
    },
  };
}
