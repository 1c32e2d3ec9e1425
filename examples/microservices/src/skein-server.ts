import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '@skein/server/bin/node-flags';
import { startChild, type ChildService } from './child-service.js';
import { waitForOk } from './wait-for.js';

/** The receivers the demo does not use: off, so the demo never collides with a Skein already running. */
const UNUSED_RECEIVERS = ['otlp-grpc-port', 'jaeger-http-port', 'jaeger-grpc-port', 'jaeger-compact-port', 'jaeger-binary-port', 'xray-port', 'sampling-port'];

export interface SkeinServerOptions {
  readonly dataDir: string;
  readonly queryPort: number;
  readonly otlpHttpPort: number;
  readonly zipkinPort: number;
  readonly env: NodeJS.ProcessEnv;
  readonly onLine?: (line: string) => void;
}

export interface SkeinServer extends ChildService {
  /** Query API, Jaeger API and web UI. */
  readonly queryUrl: string;
  /** OTLP/HTTP base URL (the SDK's OTEL_EXPORTER_OTLP_ENDPOINT; traces go to /v1/traces). */
  readonly otlpHttpUrl: string;
  /** Zipkin base URL (spans go to /api/v2/spans). */
  readonly zipkinUrl: string;
}

/** The `skein` binary of @skein/server, as installed beside this package. */
export function skeinBinPath(): string {
  const path = fileURLToPath(import.meta.resolve('@skein/server/bin/skein'));
  if (!existsSync(path)) throw new Error(`the Skein server is not built (${path} is missing): run "npm run build" first`);
  return path;
}

/** Reads the addresses from the "Skein is running" block the server prints once it listens. */
export function parseSkeinAddresses(output: string): { queryUrl: string; otlpHttpUrl: string; zipkinUrl: string } | undefined {
  const query = /Query API \(Jaeger \+ Skein\): +(\S+)/.exec(output)?.[1];
  const otlp = /OTLP\/HTTP: +(\S+)\/v1\/traces/.exec(output)?.[1];
  const zipkin = /Zipkin: +(\S+)\/api\/v2\/spans/.exec(output)?.[1];
  return query && otlp && zipkin ? { queryUrl: query, otlpHttpUrl: otlp, zipkinUrl: zipkin } : undefined;
}

/**
 * Skein all-in-one with the embedded DuckDB store, only its OTLP/HTTP, Zipkin and query ports
 * on (port 0 = any free port). Resolves once the query port answers /readyz.
 */
export async function startSkeinServer(options: SkeinServerOptions): Promise<SkeinServer> {
  const args = [
    ...SERVER_NODE_FLAGS,
    skeinBinPath(),
    'all-in-one',
    '--storage', 'duckdb',
    '--data-dir', options.dataDir,
    '--query-port', String(options.queryPort),
    '--otlp-http-port', String(options.otlpHttpPort),
    '--zipkin-port', String(options.zipkinPort),
    ...UNUSED_RECEIVERS.flatMap((flag) => [`--${flag}`, 'off']),
    '--log-level', 'warn',
  ];
  const child = await startChild({
    name: 'Skein',
    command: process.execPath,
    args,
    env: options.env,
    ready: (output) => parseSkeinAddresses(output)?.queryUrl,
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  const addresses = parseSkeinAddresses(child.output())!;
  if (!(await waitForOk(`${addresses.queryUrl}/readyz`, 30_000))) {
    await child.stop();
    throw new Error(`Skein did not answer ${addresses.queryUrl}/readyz within 30 s; its output:\n${child.output()}`);
  }
  return { ...child, ...addresses };
}
