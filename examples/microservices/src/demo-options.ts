import { parseArgs } from 'node:util';
import { numberSetting, type Env } from './env-settings.js';

export interface DemoPorts {
  readonly query: number;
  readonly otlpHttp: number;
  readonly zipkin: number;
  readonly api01: number;
  readonly api02: number;
  readonly api03: number;
  readonly api04: number;
  readonly api05: number;
}

export interface DemoOptions {
  /** Requests per second to api-01. */
  readonly rate: number;
  /** Stop after this many requests (undefined: run until Ctrl-C / SIGTERM). */
  readonly requests: number | undefined;
  readonly api03DelayMs: number;
  readonly errorRate: number;
  /** Skein's data directory; undefined: a temporary one, removed when the demo stops. */
  readonly dataDir: string | undefined;
  readonly ports: DemoPorts;
  /** Run the Python Flask pair (when Debian's python has Flask and py_zipkin). */
  readonly python: boolean;
  /** Print every line the services and Skein print. */
  readonly verbose: boolean;
}

export const DEFAULT_PORTS: DemoPorts = { query: 16686, otlpHttp: 4318, zipkin: 9411, api01: 5001, api02: 5002, api03: 5003, api04: 5004, api05: 5005 };

const PORT_FLAGS: ReadonlyArray<readonly [flag: string, key: keyof DemoPorts]> = [
  ['query-port', 'query'],
  ['otlp-http-port', 'otlpHttp'],
  ['zipkin-port', 'zipkin'],
  ['api01-port', 'api01'],
  ['api02-port', 'api02'],
  ['api03-port', 'api03'],
  ['api04-port', 'api04'],
  ['api05-port', 'api05'],
];

export const DEMO_HELP = `Usage: skein-demo [options]      (npm run demo -- [options])
Starts Skein (embedded DuckDB store) and the microservice demo: api-01 (Express) calls api-02
(Fastify) and api-03 (node:http); api-02 calls api-03 and the Python Flask pair api-04 > api-05
(py_zipkin, B3 headers). The Node services run under "node --import @skein/node/register", set
up only by OTEL_* variables. A load generator sends requests to api-01; open the printed links.
Ctrl-C stops everything: the services first (their last spans are exported), then Skein.
  --rate N                 requests per second to api-01 (default 2)
  --requests N             stop after N requests (default: run until Ctrl-C)
  --api03-delay-ms MS      how long api-03 takes to answer (default 2000; env DEMO_API03_DELAY_MS)
  --error-rate R           share of requests that fail on purpose, 0..1 (default 0.1; env DEMO_ERROR_RATE)
  --data-dir DIR           Skein's data directory, kept afterwards (default: a temporary one, removed)
  --no-python              leave out the Python services
  --verbose                print everything the services and Skein print
 Ports (0 = any free port):
  --skein-port-offset N    add N to every default port below, to run beside a Skein on the defaults
  --query-port P           Skein web UI and query APIs (default 16686)
  --otlp-http-port P       Skein OTLP/HTTP receiver (default 4318)
  --zipkin-port P          Skein Zipkin receiver (default 9411)
  --api01-port P ... --api05-port P   the services (default 5001 ... 5005)
  -h, --help               this text`;

function integerFlag(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${flag} must be a whole number from ${min} to ${max}: got "${raw}"`);
  return n;
}

function numberFlag(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new Error(`--${flag} must be a number from ${min} to ${max}: got "${raw}"`);
  return n;
}

/** The demo's options from its command line (flags win over DEMO_* variables); 'help' for -h. Throws on bad input. */
export function parseDemoArgs(argv: readonly string[], env: Env = {}): DemoOptions | 'help' {
  const stringFlags = ['rate', 'requests', 'api03-delay-ms', 'error-rate', 'data-dir', 'skein-port-offset', ...PORT_FLAGS.map(([flag]) => flag)];
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      ...Object.fromEntries(stringFlags.map((flag) => [flag, { type: 'string' as const }])),
      'no-python': { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  const flag = (name: string) => (values as Record<string, string | boolean | undefined>)[name] as string | undefined;

  const offset = integerFlag('skein-port-offset', flag('skein-port-offset'), -5000, 50000) ?? 0;
  const ports = {} as Record<keyof DemoPorts, number>;
  for (const [name, key] of PORT_FLAGS) {
    const port = integerFlag(name, flag(name), 0, 65535) ?? DEFAULT_PORTS[key] + offset;
    if (port < 0 || port > 65535) throw new Error(`--skein-port-offset ${offset} moves the ${name} (${DEFAULT_PORTS[key]}) out of range`);
    ports[key] = port;
  }
  const fixed = Object.entries(ports).filter(([, port]) => port !== 0);
  const clash = fixed.find(([key, port]) => fixed.some(([other, p]) => other !== key && p === port));
  if (clash) throw new Error(`two demo ports are both ${clash[1]}: give each its own port (or 0 for any free one)`);

  return {
    rate: numberFlag('rate', flag('rate'), 0.01, 1000) ?? 2,
    requests: integerFlag('requests', flag('requests'), 1, 1_000_000_000),
    api03DelayMs: integerFlag('api03-delay-ms', flag('api03-delay-ms'), 0, 600_000) ?? numberSetting(env, 'DEMO_API03_DELAY_MS', 2000, 0, 600_000),
    errorRate: numberFlag('error-rate', flag('error-rate'), 0, 1) ?? numberSetting(env, 'DEMO_ERROR_RATE', 0.1, 0, 1),
    dataDir: flag('data-dir'),
    ports,
    python: values['no-python'] !== true,
    verbose: values.verbose === true,
  };
}
