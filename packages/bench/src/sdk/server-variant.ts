import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { CLOCK_TICKS_PER_SECOND } from '../measure/system-cpu.js';
import { fileURLToPath } from 'node:url';
import { cleanChildEnv } from './child-env.js';

/** The hello-world servers the throughput benchmark runs. */
export const SERVER_APPS = ['node:http', 'fastify'] as const;
export type ServerApp = (typeof SERVER_APPS)[number];

/** bare: no tracing; skein: `--import @skein/node/register`; otel: NodeSDK + auto-instrumentations. */
export const SDK_VARIANTS = ['bare', 'skein', 'otel'] as const;
export type SdkVariant = (typeof SDK_VARIANTS)[number];

export const VARIANT_LABELS: Readonly<Record<SdkVariant, string>> = {
  bare: 'bare (no tracing)',
  skein: '@skein/node',
  otel: 'OpenTelemetry JS',
};

/**
 * Batches fill within milliseconds under load, so the delay only decides how soon the last
 * partial batch arrives after the load stops (both SDKs get the same value).
 */
export const BENCH_SCHEDULE_DELAY_MS = 1000;

export interface VariantCommand {
  readonly execArgv: readonly string[];
  readonly script: string;
  readonly env: Record<string, string>;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const SCRIPTS: Readonly<Record<ServerApp, string>> = { 'node:http': 'hello-http-server.cjs', fastify: 'hello-fastify-server.cjs' };

/**
 * How to start one server variant: node flags, script and environment (cleanChildEnv, plus the
 * same exporter settings for both SDKs: OTLP/HTTP protobuf to the sink).
 */
export function variantCommand(app: ServerApp, variant: SdkVariant, sinkEndpoint: string, parentEnv: NodeJS.ProcessEnv = process.env): VariantCommand {
  const env = cleanChildEnv(parentEnv);
  const script = here(`./${SCRIPTS[app]}`);
  if (variant === 'bare') return { execArgv: [], script, env };
  Object.assign(env, {
    OTEL_SERVICE_NAME: `hello-${variant}`,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: sinkEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_BSP_SCHEDULE_DELAY: String(BENCH_SCHEDULE_DELAY_MS),
    // Traces only: NodeSDK would otherwise also look for metrics and logs exporters.
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    // NodeSDK's default adds the cloud detectors, which probe metadata endpoints that do not exist here.
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
  });
  if (variant === 'skein') return { execArgv: ['--import', import.meta.resolve('@skein/node/register')], script, env };
  return { execArgv: ['--require', here('./otel-node-sdk-preload.cjs')], script, env };
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** One hello-world server in its own process, listening on 127.0.0.1. */
export class ServerUnderTest {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly exited: Promise<void>,
    output: string,
  ) {
    this.output = output;
    const keep = (d: Buffer): void => {
      this.output = (this.output + d.toString()).slice(-16_384);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static async start(app: ServerApp, variant: SdkVariant, sinkEndpoint: string): Promise<ServerUnderTest> {
    const command = variantCommand(app, variant, sinkEndpoint);
    const child = spawn(process.execPath, [...command.execArgv, command.script], { env: command.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let out = '';
    const collect = (d: Buffer): void => {
      out += d.toString();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${app} ${variant} did not start listening within ${STARTUP_TIMEOUT_MS / 1000} s:\n${out}`)), STARTUP_TIMEOUT_MS);
        const check = (): void => {
          const m = /listening (\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        };
        child.stdout!.on('data', check);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`${app} ${variant} exited (${child.exitCode ?? child.signalCode}) before listening:\n${out}`));
        });
      });
      child.stdout!.off('data', collect);
      child.stderr!.off('data', collect);
      return new ServerUnderTest(child, `http://127.0.0.1:${port}/`, exited, out);
    } catch (err) {
      child.kill('SIGKILL');
      await exited;
      throw err;
    }
  }

  /** CPU seconds (user + system) the server process has used so far; NaN where /proc is missing. */
  async cpuSeconds(): Promise<number> {
    try {
      const stat = await readFile(`/proc/${this.child.pid}/stat`, 'utf8');
      // utime and stime are fields 14 and 15; count from after the parenthesised command name.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return NaN;
    }
  }

  /** What the server printed (the last 16 KiB): SDK warnings end up here. */
  log(): string {
    return this.output;
  }

  /** SIGTERM (the SDKs flush on it), then SIGKILL if it is still there after a grace period. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
