import { parseArgs } from 'node:util';
import { OPTIONS } from '../config/options.js';
import { ConfigError, describeOptions, loadConfig } from '../config/load-config.js';
import { startSkein } from '../app/start-skein.js';

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
  out(
    [
      `Skein is running (storage: ${config.storage === 'duckdb' ? `DuckDB in ${config.dataDir}` : 'memory'})`,
      `  Query API (Jaeger + Skein): ${skein.urls.query}   UI arrives here; /metrics /livez /readyz`,
      `  OTLP/HTTP:                  ${skein.urls.otlpHttp}/v1/traces`,
      `  Zipkin:                     ${skein.urls.zipkin}/api/v2/spans  (Zipkin API ${skein.urls.zipkin}/api/v2/)`,
      `Try: npx skein traces --server ${skein.urls.query}`,
    ].join('\n'),
  );
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
