import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SinkStats {
  readonly requests: number;
  readonly spans: number;
  readonly bytes: number;
  /** Requests it could not parse (answered 400). */
  readonly rejected: number;
}

const STARTUP_TIMEOUT_MS = 10_000;

/** The accept-and-discard OTLP/HTTP endpoint (trace-sink-main.ts) in its own child process. */
export class TraceSink {
  private constructor(
    private readonly child: ChildProcess,
    /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT wants it (exporters append /v1/traces). */
    readonly endpoint: string,
  ) {}

  static async start(): Promise<TraceSink> {
    const child = fork(fileURLToPath(new URL('./trace-sink-main.js', import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the trace sink did not start')), STARTUP_TIMEOUT_MS);
      child.once('message', (m: { port: number }) => {
        clearTimeout(timer);
        resolve(m.port);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the trace sink exited (${code}) before listening`));
      });
    });
    return new TraceSink(child, `http://127.0.0.1:${port}`);
  }

  async stats(): Promise<SinkStats> {
    const res = await fetch(`${this.endpoint}/stats`);
    return (await res.json()) as SinkStats;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}
