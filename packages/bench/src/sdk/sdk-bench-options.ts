import { SERVER_APPS, type ServerApp } from './server-variant.js';

/** What the SDK phase runs; 0 rounds leaves that half out. */
export interface SdkBenchOptions {
  /** Interleaved repetitions of each micro-benchmark (span cost, encode cost). */
  readonly microRounds: number;
  /** Interleaved repetitions of each HTTP server variant. */
  readonly httpRounds: number;
  /** Timed load per HTTP run, after a 1 s warm-up. */
  readonly httpSeconds: number;
  readonly connections: number;
  readonly apps: readonly ServerApp[];
}

export const DEFAULT_SDK_OPTIONS: SdkBenchOptions = { microRounds: 5, httpRounds: 3, httpSeconds: 5, connections: 50, apps: SERVER_APPS };
