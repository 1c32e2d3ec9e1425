import { KNOWN_PROPAGATOR_NAMES } from '../propagation/propagator-from-names.js';
import { SAMPLER_NAMES } from '../sampling/sampler-from-env.js';

/** What `skein run [options] -- <command> [args...]` was asked to do. */
export interface RunOptions {
  readonly serviceName?: string;
  /** OTEL_TRACES_EXPORTER values, e.g. ['otlp'] or ['otlp', 'console']. */
  readonly exporters?: readonly ExporterName[];
  readonly endpoint?: string;
  /** OTEL_PROPAGATORS values, e.g. ['tracecontext', 'baggage']. */
  readonly propagators?: readonly string[];
  readonly sampler?: string;
  readonly samplerArg?: string;
  readonly command: string;
  readonly args: readonly string[];
}

export type ParsedRunArguments =
  | { readonly kind: 'run'; readonly options: RunOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const EXPORTER_NAMES = ['console', 'otlp', 'zipkin', 'none'] as const;
export type ExporterName = (typeof EXPORTER_NAMES)[number];

/** The OTEL_PROPAGATORS names @skein/node understands (taken from the SDK, so they stay in step). */
export const PROPAGATOR_NAMES: readonly string[] = [...KNOWN_PROPAGATOR_NAMES, 'none'];

/** The OTEL_TRACES_SAMPLER names @skein/node understands. */
export { SAMPLER_NAMES };

export const RUN_USAGE = `Usage: skein run [options] -- <command> [args...]

Runs <command> with the @skein/node tracer preloaded (NODE_OPTIONS --import), so a Node
application is traced without code changes. Child processes of <command> inherit it too.

Options (each sets the OpenTelemetry variable shown; unset ones keep the inherited value):
  --service-name NAME        OTEL_SERVICE_NAME
  --exporter LIST            OTEL_TRACES_EXPORTER: console, otlp, zipkin or none
                             (comma-separated for several); default otlp
  --endpoint URL             OTEL_EXPORTER_OTLP_ENDPOINT (base URL, e.g. http://127.0.0.1:4318),
                             or OTEL_EXPORTER_ZIPKIN_ENDPOINT with --exporter zipkin
                             (full URL, e.g. http://127.0.0.1:9411/api/v2/spans)
  --propagators LIST         OTEL_PROPAGATORS, e.g. tracecontext,baggage or b3multi
  --sampler NAME[=ARG]       OTEL_TRACES_SAMPLER (and OTEL_TRACES_SAMPLER_ARG), e.g.
                             parentbased_traceidratio=0.25
  -h, --help                 show this help

Example:
  skein run --service-name checkout --endpoint http://127.0.0.1:4318 -- node app.js
`;

type FlagName = 'service-name' | 'exporter' | 'endpoint' | 'propagators' | 'sampler';
const FLAGS: ReadonlySet<string> = new Set<FlagName>(['service-name', 'exporter', 'endpoint', 'propagators', 'sampler']);

/**
 * Parses the arguments after `run`. The command starts after `--`, or at the first argument
 * that is not an option (as `opentelemetry-instrument` does), so everything from there on —
 * including the command's own `--flags` — goes to the command untouched.
 */
export function parseRunArguments(argv: readonly string[]): ParsedRunArguments {
  const values = new Map<FlagName, string>();
  let index = 0;
  while (index < argv.length) {
    const arg = argv[index]!;
    if (arg === '--') {
      index++;
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (!arg.startsWith('-') || arg === '-') break;
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    if (!arg.startsWith('--') || !FLAGS.has(name)) return error(`unknown option ${arg}`);
    let value: string;
    if (equals >= 0) {
      value = arg.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      if (next === undefined || next === '--') return error(`--${name} needs a value`);
      value = next;
      index++;
    }
    values.set(name as FlagName, value);
    index++;
  }
  const command = argv[index];
  if (command === undefined || command === '') return error('missing the command to run (put it after --)');
  return buildOptions(values, command, argv.slice(index + 1));
}

function buildOptions(values: ReadonlyMap<FlagName, string>, command: string, args: string[]): ParsedRunArguments {
  const options: { -readonly [K in keyof RunOptions]: RunOptions[K] } = { command, args };

  const serviceName = values.get('service-name');
  if (serviceName !== undefined) {
    if (serviceName.trim() === '') return error('--service-name must not be empty');
    options.serviceName = serviceName;
  }

  const exporter = values.get('exporter');
  if (exporter !== undefined) {
    const names = splitList(exporter);
    const unknown = names.find((name) => !(EXPORTER_NAMES as readonly string[]).includes(name));
    if (names.length === 0 || unknown !== undefined) return error(`--exporter must be ${EXPORTER_NAMES.join(', ')} (got ${JSON.stringify(exporter)})`);
    options.exporters = names as ExporterName[];
  }

  const endpoint = values.get('endpoint');
  if (endpoint !== undefined) {
    if (!isHttpUrl(endpoint)) return error(`--endpoint must be an http(s) URL (got ${JSON.stringify(endpoint)})`);
    options.endpoint = endpoint;
  }

  const propagators = values.get('propagators');
  if (propagators !== undefined) {
    const names = splitList(propagators);
    const unknown = names.find((name) => !PROPAGATOR_NAMES.includes(name));
    if (names.length === 0 || unknown !== undefined) return error(`--propagators takes a comma-separated list of ${PROPAGATOR_NAMES.join(', ')} (got ${JSON.stringify(propagators)})`);
    options.propagators = names;
  }

  const sampler = values.get('sampler');
  if (sampler !== undefined) {
    const equals = sampler.indexOf('=');
    const name = (equals < 0 ? sampler : sampler.slice(0, equals)).trim().toLowerCase();
    if (!SAMPLER_NAMES.includes(name)) return error(`--sampler must be one of ${SAMPLER_NAMES.join(', ')} (got ${JSON.stringify(sampler)})`);
    options.sampler = name;
    if (equals >= 0) {
      const arg = sampler.slice(equals + 1).trim();
      if (name.endsWith('traceidratio') && !isRatio(arg)) return error(`--sampler ${name}=ARG needs a ratio between 0 and 1 (got ${JSON.stringify(arg)})`);
      options.samplerArg = arg;
    }
  }
  return { kind: 'run', options };
}

function splitList(value: string): string[] {
  return value.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isRatio(value: string): boolean {
  const ratio = Number(value);
  return value !== '' && Number.isFinite(ratio) && ratio >= 0 && ratio <= 1;
}

function error(message: string): ParsedRunArguments {
  return { kind: 'error', message };
}
