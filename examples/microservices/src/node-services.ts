import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listeningLine, startChild, type ChildService } from './child-service.js';

/** @skein/node's `--import` entry point (dist/register/register.js). */
export function skeinRegisterPath(): string {
  const path = fileURLToPath(import.meta.resolve('@skein/node/register'));
  if (!existsSync(path)) throw new Error(`the @skein/node SDK is not built (${path} is missing): run "npm run build" first`);
  return path;
}

/** The compiled service scripts sit beside this module (dist/api-01.js, ...). */
const serviceScript = (name: string) => fileURLToPath(new URL(`./${name}.js`, import.meta.url));

export interface NodeServiceOptions {
  /** Where the SDK sends spans: OTEL_EXPORTER_OTLP_ENDPOINT (OTLP/HTTP protobuf to {url}/v1/traces). */
  readonly otlpHttpUrl: string;
  /** The service's own settings (API01_PORT, API02_URL, DEMO_ERROR_RATE, ...). */
  readonly settings: Record<string, string>;
  readonly env: NodeJS.ProcessEnv;
  readonly registerPath?: string;
  /** How often the SDK's batch processor exports (OTEL_BSP_SCHEDULE_DELAY); short so traces appear quickly. */
  readonly exportDelayMs?: number;
  readonly onLine?: (line: string) => void;
}

/**
 * The OTEL_* environment of a demo service: the standard variables, nothing Skein-specific, so
 * the same services would report to any OTLP backend. B3 is propagated besides W3C because
 * that is what py_zipkin reads.
 */
export function otelEnv(serviceName: string, otlpHttpUrl: string, exportDelayMs = 500): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: serviceName,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttpUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_PROPAGATORS: 'tracecontext,baggage,b3multi',
    OTEL_BSP_SCHEDULE_DELAY: String(exportDelayMs),
    OTEL_RESOURCE_ATTRIBUTES: 'service.namespace=skein-demo,deployment.environment.name=demo',
  };
}

/** Starts dist/<name>.js under `node --import @skein/node/register` and waits until it listens. */
export function startNodeService(name: 'api-01' | 'api-02' | 'api-03', options: NodeServiceOptions): Promise<ChildService> {
  const register = pathToFileURL(options.registerPath ?? skeinRegisterPath()).href;
  return startChild({
    name,
    command: process.execPath,
    args: ['--import', register, serviceScript(name)],
    env: { ...options.env, ...otelEnv(name, options.otlpHttpUrl, options.exportDelayMs), ...options.settings },
    ready: listeningLine(name),
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
}
