import { diag } from '@opentelemetry/api';
import { DEFAULT_INITIAL_SAMPLING_RATE, DEFAULT_POLLING_INTERVAL_MS, strategiesUrl } from './jaeger-remote-sampler.js';

export const DEFAULT_JAEGER_REMOTE_ENDPOINT = 'http://localhost:5778/sampling';

export interface JaegerRemoteSamplerArg {
  readonly endpoint: string;
  readonly pollingIntervalMs: number;
  readonly initialSamplingRate: number;
}

/**
 * OTEL_TRACES_SAMPLER_ARG for `jaeger_remote` in the spec's syntax:
 * `endpoint=http://localhost:5778/sampling,pollingIntervalMs=60000,initialSamplingRate=0.001`.
 * Each key is optional; an unknown key or a bad value warns and keeps that key's default.
 * Only the first `=` of an entry separates, so an endpoint may carry a query string.
 */
export function parseJaegerRemoteSamplerArg(arg: string | undefined): JaegerRemoteSamplerArg {
  let endpoint = DEFAULT_JAEGER_REMOTE_ENDPOINT;
  let pollingIntervalMs = DEFAULT_POLLING_INTERVAL_MS;
  let initialSamplingRate = DEFAULT_INITIAL_SAMPLING_RATE;
  for (const entry of (arg ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    const key = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const value = eq < 0 ? '' : entry.slice(eq + 1).trim();
    switch (key) {
      case 'endpoint':
        if (strategiesUrl(value, 'x') !== undefined) endpoint = value;
        else warn(key, value, 'is not an http(s) URL', endpoint);
        break;
      case 'pollingIntervalMs': {
        const n = Number(value);
        if (value !== '' && Number.isInteger(n) && n > 0) pollingIntervalMs = n;
        else warn(key, value, 'is not a positive integer', pollingIntervalMs);
        break;
      }
      case 'initialSamplingRate': {
        const n = Number(value);
        if (value !== '' && n >= 0 && n <= 1) initialSamplingRate = n;
        else warn(key, value, 'is not a number between 0 and 1', initialSamplingRate);
        break;
      }
      default:
        diag.warn(`OTEL_TRACES_SAMPLER_ARG: unknown jaeger_remote setting ${JSON.stringify(key)} (known: endpoint, pollingIntervalMs, initialSamplingRate); ignored`);
    }
  }
  return { endpoint, pollingIntervalMs, initialSamplingRate };
}

function warn(key: string, value: string, problem: string, kept: string | number): void {
  diag.warn(`OTEL_TRACES_SAMPLER_ARG: jaeger_remote ${key}=${JSON.stringify(value)} ${problem}; using ${kept}`);
}
