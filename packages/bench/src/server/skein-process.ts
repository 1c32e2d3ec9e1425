import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '@skein/server/bin/node-flags';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CLOCK_TICKS_PER_SECOND } from '../measure/system-cpu.js';

/** packages/server/dist/bin/skein.js, found through the workspace package (its main is dist/index.js). */
function skeinBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@skein/server')), 'bin', 'skein.js');
}

export interface SkeinUrls {
  readonly query: string;
  readonly otlpHttp: string;
}

const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 120_000;

/**
 * The real `skein all-in-one` binary as a child process on ephemeral ports with a DuckDB data dir:
 * the same process a user starts, so the numbers include HTTP, decoding, the pipeline and the store.
 */
/** The bench sends OTLP/HTTP only; the other receivers are switched off so runs never collide on ports. */
const RECEIVER_PORTS_FOR_BENCH = ['--otlp-http-port', '0', '--zipkin-port', '0', '--query-port', '0',
  ...['otlp-grpc', 'jaeger-http', 'jaeger-grpc', 'jaeger-compact', 'jaeger-binary', 'xray', 'sampling'].flatMap((r) => [`--${r}-port`, 'off'])];

export class SkeinProcess {
  private output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly urls: SkeinUrls,
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
    output: string,
  ) {
    this.exited = exited;
    this.output = output;
    child.stdout!.on('data', (d: Buffer) => this.keep(d));
    child.stderr!.on('data', (d: Buffer) => this.keep(d));
  }

  static async start(dataDir: string, extraArgs: readonly string[] = []): Promise<SkeinProcess> {
    const args = [skeinBin(), 'all-in-one', '--data-dir', dataDir, ...RECEIVER_PORTS_FOR_BENCH, '--log-level', 'warn', ...extraArgs];
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const collect = (d: Buffer) => (out += d.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const urls = await new Promise<SkeinUrls>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`skein did not print its addresses within ${STARTUP_TIMEOUT_MS / 1000}s:\n${out}`)), STARTUP_TIMEOUT_MS);
      const check = () => {
        const query = /Query API \(Jaeger \+ Skein\): (\S+)/.exec(out);
        const otlp = /OTLP\/HTTP: +(\S+)\/v1\/traces/.exec(out);
        if (query && otlp) {
          clearTimeout(timer);
          resolve({ query: query[1]!, otlpHttp: otlp[1]! });
        }
      };
      child.stdout!.on('data', check);
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`skein exited (${code ?? signal}) before starting:\n${out}`));
      });
    });
    child.stdout!.off('data', collect);
    child.stderr!.off('data', collect);
    return new SkeinProcess(child, urls, exited, out);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Everything the server printed (kept to the last 64 KiB). */
  log(): string {
    return this.output;
  }

  /** Peak and current resident set size in bytes (VmHWM / VmRSS from /proc, Linux only). */
  async memory(): Promise<{ peakRssBytes: number; rssBytes: number }> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
    const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { peakRssBytes: kib('VmHWM'), rssBytes: kib('VmRSS') };
  }

  /** CPU seconds (user + system) the server has used so far, from /proc/PID/stat. */
  async cpuSeconds(): Promise<number> {
    const stat = await readFile(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 overall.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    return ticks / CLOCK_TICKS_PER_SECOND;
  }

  /** SIGTERM, then wait for the graceful shutdown (in-flight commits, store checkpoint) to finish. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; shutdownMs: number }> {
    const started = performance.now();
    this.child.kill('SIGTERM');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`skein did not exit within ${SHUTDOWN_TIMEOUT_MS / 1000}s of SIGTERM:\n${this.output}`)), SHUTDOWN_TIMEOUT_MS).unref());
    const result = await Promise.race([this.exited, timeout]);
    return { ...result, shutdownMs: performance.now() - started };
  }

  private keep(d: Buffer): void {
    this.output = (this.output + d.toString()).slice(-65_536);
  }
}
