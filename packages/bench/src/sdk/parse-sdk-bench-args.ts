import { parseArgs } from 'node:util';
import { parseCount } from '../bench-options.js';
import { DEFAULT_SDK_OPTIONS, type SdkBenchOptions } from './sdk-bench-options.js';
import { SERVER_APPS, type ServerApp } from './server-variant.js';

export const SDK_BENCH_HELP = `Usage: node packages/bench/dist/sdk/run-sdk-bench.js [options]
  @skein/node against OpenTelemetry JS: span cost, OTLP protobuf encode cost, hello-world HTTP throughput.
  --micro-rounds N    interleaved runs of each micro-benchmark, best time reported (default ${DEFAULT_SDK_OPTIONS.microRounds})
  --http-rounds N     interleaved runs of each HTTP variant, median reported (default ${DEFAULT_SDK_OPTIONS.httpRounds})
  --http-seconds S    timed load per HTTP run, after a 1 s warm-up (default ${DEFAULT_SDK_OPTIONS.httpSeconds})
  --connections N     autocannon connections (default ${DEFAULT_SDK_OPTIONS.connections})
  --apps LIST         servers to load: ${SERVER_APPS.join(',')} (default both)
  --only micro|http   run one half only`;

function parseApps(text: string): ServerApp[] {
  const apps = text.split(',').map((a) => a.trim()).filter((a) => a !== '');
  for (const app of apps) if (!(SERVER_APPS as readonly string[]).includes(app)) throw new Error(`--apps: unknown server "${app}" (known: ${SERVER_APPS.join(', ')})`);
  if (apps.length === 0) throw new Error('--apps: name at least one server');
  return apps as ServerApp[];
}

/** The standalone runner's options (run-sdk-bench.ts). */
export function parseSdkBenchOptions(argv: readonly string[]): SdkBenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'micro-rounds': { type: 'string' },
      'http-rounds': { type: 'string' },
      'http-seconds': { type: 'string' },
      connections: { type: 'string' },
      apps: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values.only !== undefined && values.only !== 'micro' && values.only !== 'http') throw new Error(`--only: expected micro or http, got "${values.only}"`);
  const count = (flag: string, text: string | undefined, fallback: number): number => (text === undefined ? fallback : parseCount(text, flag));
  return {
    microRounds: values.only === 'http' ? 0 : count('--micro-rounds', values['micro-rounds'], DEFAULT_SDK_OPTIONS.microRounds),
    httpRounds: values.only === 'micro' ? 0 : count('--http-rounds', values['http-rounds'], DEFAULT_SDK_OPTIONS.httpRounds),
    httpSeconds: count('--http-seconds', values['http-seconds'], DEFAULT_SDK_OPTIONS.httpSeconds),
    connections: count('--connections', values.connections, DEFAULT_SDK_OPTIONS.connections),
    apps: values.apps === undefined ? DEFAULT_SDK_OPTIONS.apps : parseApps(values.apps),
  };
}
