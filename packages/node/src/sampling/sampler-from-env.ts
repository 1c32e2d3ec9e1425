import { diag } from '@opentelemetry/api';
import type { Env } from '../config/env.js';
import { envString } from '../config/env.js';
import type { Sampler } from './sampler.js';
import { AlwaysOnSampler } from './always-on-sampler.js';
import { AlwaysOffSampler } from './always-off-sampler.js';
import { TraceIdRatioSampler } from './trace-id-ratio-sampler.js';
import { ParentBasedSampler } from './parent-based-sampler.js';
import { RateLimitingSampler } from './rate-limiting-sampler.js';
import { JaegerRemoteSampler } from './jaeger-remote-sampler.js';
import { parseJaegerRemoteSamplerArg } from './jaeger-remote-sampler-arg.js';

export const DEFAULT_SAMPLER_NAME = 'parentbased_always_on';

/** Names OTEL_TRACES_SAMPLER accepts: the spec's, plus Skein's rate-limiting pair. */
export const SAMPLER_NAMES: readonly string[] = Object.freeze([
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'jaeger_remote',
  'parentbased_jaeger_remote',
  'ratelimiting',
  'parentbased_ratelimiting',
]);

/** The spec: a missing ratio means 1.0. */
const DEFAULT_RATIO = 1;
const DEFAULT_TRACES_PER_SECOND = 1;

/**
 * The sampler OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG ask for (default
 * parentbased_always_on). `serviceName` is what a jaeger_remote sampler asks strategies for.
 * Never throws: an unknown name or a bad argument warns via diag and falls back to the
 * default, as the spec says ("behave as if the environment variable was not set").
 *
 * Skein extension: `ratelimiting` / `parentbased_ratelimiting` with the argument in traces
 * per second (default 1), Jaeger's rate-limiting sampler.
 */
export function samplerFromEnv(env: Env, serviceName: string): Sampler {
  const name = (envString(env, 'OTEL_TRACES_SAMPLER') ?? DEFAULT_SAMPLER_NAME).toLowerCase();
  const arg = envString(env, 'OTEL_TRACES_SAMPLER_ARG');
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioSampler(ratioArg(arg));
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioSampler(ratioArg(arg)) });
    case 'jaeger_remote':
      return jaegerRemote(arg, serviceName);
    case 'parentbased_jaeger_remote':
      return new ParentBasedSampler({ root: jaegerRemote(arg, serviceName) });
    case 'ratelimiting':
      return new RateLimitingSampler(tracesPerSecondArg(arg));
    case 'parentbased_ratelimiting':
      return new ParentBasedSampler({ root: new RateLimitingSampler(tracesPerSecondArg(arg)) });
    default:
      diag.warn(`OTEL_TRACES_SAMPLER=${JSON.stringify(name)} is not supported (supported: ${SAMPLER_NAMES.join(', ')}); using ${DEFAULT_SAMPLER_NAME}`);
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

function ratioArg(arg: string | undefined): number {
  if (arg === undefined) return DEFAULT_RATIO;
  const n = Number(arg);
  if (Number.isFinite(n) && n >= 0 && n <= 1) return n;
  diag.warn(`OTEL_TRACES_SAMPLER_ARG=${JSON.stringify(arg)} is not a ratio between 0 and 1; using ${DEFAULT_RATIO}`);
  return DEFAULT_RATIO;
}

function tracesPerSecondArg(arg: string | undefined): number {
  if (arg === undefined) return DEFAULT_TRACES_PER_SECOND;
  const n = Number(arg);
  if (Number.isFinite(n) && n >= 0) return n;
  diag.warn(`OTEL_TRACES_SAMPLER_ARG=${JSON.stringify(arg)} is not a number of traces per second; using ${DEFAULT_TRACES_PER_SECOND}`);
  return DEFAULT_TRACES_PER_SECOND;
}

function jaegerRemote(arg: string | undefined, serviceName: string): JaegerRemoteSampler {
  const { endpoint, pollingIntervalMs, initialSamplingRate } = parseJaegerRemoteSamplerArg(arg);
  return new JaegerRemoteSampler({ endpoint, serviceName, pollingIntervalMs, initialSampler: new TraceIdRatioSampler(initialSamplingRate) });
}
