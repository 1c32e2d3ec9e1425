import { parseArgs } from 'node:util';
import { OPTIONS } from '../config/options.js';
import { ConfigError, describeOptions, loadConfig } from '../config/load-config.js';
import { startSkein, type RunningSkein } from '../app/start-skein.js';

export const ALL_IN_ONE_HELP = `Usage: skein [all-in-one] [options]
Runs receivers, the embedded store and the query APIs in one process.
Settings come from flags, then SKEIN_* environment variables, then --config FILE (YAML or JSON,
keys are the flag names), then defaults.
  --config FILE            optional config file (env SKEIN_CONFIG)
${describeOptions()}`;

/** Starts Skein and keeps it running until SIGTERM/SIGINT, then shuts down gracefully. */
export async function allInOneCommand(args: string[], env: Readonly<Record<string, string | undefined>>, out: (s: string) => void): Promise<void> {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
  for (const o of OPTIONS) options[o.flag] = { type: 'string' };
  const { values } = parseArgs({ args, options, strict: true });
  if (values.help) return out(ALL_IN_ONE_HELP);
  const { config: configFile, help: _help, ...flags } = values as Record<string, string | undefined>;
  const file = configFile ?? env.SKEIN_CONFIG;
  const config = loadConfig({ flags, env, ...(file ? { configFile: file } : {}) });
  const skein = await startSkein(config);
  out(describeRunning(skein));
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      skein.logger.info({ signal }, 'shutting down: finishing in-flight requests and commits');
      skein.close().then(
        () => { skein.logger.info('shutdown complete'); resolve(); },
        (err) => { skein.logger.error({ err }, 'shutdown failed'); process.exitCode = 1; resolve(); },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export { ConfigError };

const STORAGE_TEXT = { duckdb: (dir: string) => `DuckDB in ${dir}`, memory: () => 'memory', none: () => 'none, forwarding only' } as const;

/** What is listening where, in the words and paths a user configures their clients with. */
export function describeRunning(skein: RunningSkein): string {
  const { urls, config } = skein;
  const lines = [`Skein is running (storage: ${STORAGE_TEXT[config.storage](config.dataDir)})`];
  const row = (label: string, value: string | undefined) => value && lines.push(`  ${(label + ':').padEnd(28)}${value}`);
  row('Query API (Jaeger + Skein)', `${urls.query}   web UI (open it in a browser); /metrics /livez /readyz`);
  row('OTLP/gRPC', urls.otlpGrpc);
  row('OTLP/HTTP', urls.otlpHttp && `${urls.otlpHttp}/v1/traces`);
  row('Zipkin', urls.zipkin && `${urls.zipkin}/api/v2/spans  (v1: /api/v1/spans; Zipkin API ${urls.zipkin}/api/v2/)`);
  row('Jaeger Thrift/HTTP', urls.jaegerHttp && `${urls.jaegerHttp}/api/traces`);
  row('Jaeger gRPC', urls.jaegerGrpc);
  row('Jaeger agent (compact)', urls.jaegerCompact);
  row('Jaeger agent (binary)', urls.jaegerBinary);
  row('AWS X-Ray daemon', urls.xray);
  row('Jaeger remote sampling', urls.sampling && `${urls.sampling}/api/sampling?service=NAME`);
  if (config.forwardEndpoint) lines.push(`  Forwarding every span to ${config.forwardEndpoint}`);
  if (config.storage !== 'none') lines.push(`Try: npx skein traces --server ${urls.query}`);
  return lines.join('\n');
}
