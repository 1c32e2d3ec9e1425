import { diag, type Tracer, type TracerProvider } from '@opentelemetry/api';
import type { Sampler } from '../sampling/sampler.js';
import type { SpanResource } from './finished-span.js';
import { randomIdGenerator, type IdGenerator } from './id-generator.js';
import { SkeinTracer } from './skein-tracer.js';
import { resolveSpanLimits, type SpanLimits } from './span-limits.js';
import type { SpanProcessor } from './span-processor.js';
import type { TracerSharedState } from './tracer-shared-state.js';

export interface TracerProviderConfig {
  resource: SpanResource;
  sampler: Sampler;
  /** Missing or invalid entries take the specification's defaults (DEFAULT_SPAN_LIMITS). */
  spanLimits?: Partial<SpanLimits>;
  processors?: SpanProcessor[];
  /** Defaults to the pooled random generator; replace it for X-Ray-style time-prefixed trace ids. */
  idGenerator?: IdGenerator;
}

/**
 * Owns the resource, sampler, limits and processors, and hands out one tracer per
 * instrumentation scope. Registering it with @opentelemetry/api is the caller's job
 * (startSkeinNode in sdk/).
 */
export class SkeinTracerProvider implements TracerProvider {
  readonly resource: SpanResource;
  private readonly state: TracerSharedState;
  private readonly tracers = new Map<string, SkeinTracer>();
  private shutdownPromise: Promise<void> | undefined;

  constructor(config: TracerProviderConfig) {
    if (typeof config?.sampler?.shouldSample !== 'function') {
      throw new TypeError('SkeinTracerProvider: config.sampler must be a Sampler');
    }
    if (typeof config.resource?.attributes !== 'object' || config.resource.attributes === null) {
      throw new TypeError('SkeinTracerProvider: config.resource must be { attributes }');
    }
    this.resource = config.resource;
    this.state = {
      resource: config.resource,
      sampler: config.sampler,
      limits: resolveSpanLimits(config.spanLimits),
      idGenerator: config.idGenerator ?? randomIdGenerator,
      processors: Object.freeze([...(config.processors ?? [])]),
      isShutdown: false,
    };
  }

  /** The same tracer for the same name, version and schema URL. */
  getTracer(name: string, version?: string, options?: { schemaUrl?: string }): Tracer {
    if (typeof name !== 'string' || name.length === 0) {
      // The specification asks for a working tracer even for an invalid name.
      diag.warn(`Skein: getTracer called with an invalid name (${typeof name === 'string' ? 'empty' : typeof name})`);
      name = typeof name === 'string' ? name : '';
    }
    const schemaUrl = options?.schemaUrl;
    // NUL cannot appear in sane names, so the key cannot be forged by an "@" in a name.
    const key = `${name}\u0000${version ?? ''}\u0000${schemaUrl ?? ''}`;
    let tracer = this.tracers.get(key);
    if (tracer === undefined) {
      tracer = new SkeinTracer(Object.freeze({ name, version, schemaUrl }), this.state);
      this.tracers.set(key, tracer);
    }
    return tracer;
  }

  /** Spans started from now on reach `processor` as well (running spans keep their list). */
  addSpanProcessor(processor: SpanProcessor): void {
    if (this.state.isShutdown) {
      diag.warn('Skein: addSpanProcessor after shutdown ignored');
      return;
    }
    this.state.processors = Object.freeze([...this.state.processors, processor]);
  }

  /** Flushes every processor; failures are diagnosed, never rejected. */
  forceFlush(): Promise<void> {
    return settleAll(this.state.processors, (processor) => processor.forceFlush(), 'forceFlush');
  }

  /**
   * Stops recording (tracers then hand out non-recording spans) and shuts every processor
   * down. Only the first call does anything; later calls return the same promise.
   */
  shutdown(): Promise<void> {
    if (this.shutdownPromise === undefined) {
      this.state.isShutdown = true;
      this.shutdownPromise = settleAll(this.state.processors, (processor) => processor.shutdown(), 'shutdown');
    }
    return this.shutdownPromise;
  }
}

async function settleAll(
  processors: readonly SpanProcessor[],
  call: (processor: SpanProcessor) => Promise<void>,
  what: string,
): Promise<void> {
  const results = await Promise.allSettled(
    processors.map((processor) => {
      try {
        return call(processor);
      } catch (err) {
        return Promise.reject(err);
      }
    }),
  );
  for (const result of results) {
    if (result.status === 'rejected') diag.error(`Skein: a span processor's ${what} failed`, result.reason);
  }
}
