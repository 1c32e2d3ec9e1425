import type { Attributes, DiagLogLevel, TextMapPropagator, TracerProvider } from '@opentelemetry/api';
import type { Env } from '../config/env.js';
import type { Sampler } from '../sampling/sampler.js';
import type { SpanExporter } from '../export/span-exporter.js';
import type { SpanProcessor } from '../trace/span-processor.js';
import type { SpanLimits } from '../trace/span-limits.js';
import type { BatchSpanProcessorOptions } from '../export/batch-span-processor.js';
import type { HttpInstrumentationOptions } from '../instrumentation/start-http-instrumentation.js';

/** Everything `startSkeinNode` reads; each option wins over the environment variable it matches. */
export interface SkeinNodeOptions {
  /** Where OTEL_* settings are read from. Default: `process.env`. */
  readonly env?: Env;
  /** Overrides OTEL_SDK_DISABLED. */
  readonly disabled?: boolean;
  /** Overrides OTEL_SERVICE_NAME and `service.name` anywhere else. */
  readonly serviceName?: string;
  /** Resource attributes over the detected ones and OTEL_RESOURCE_ATTRIBUTES. */
  readonly resourceAttributes?: Attributes;
  /** Overrides OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG. */
  readonly sampler?: Sampler;
  /** A propagator, or OTEL_PROPAGATORS-style names; overrides OTEL_PROPAGATORS. */
  readonly propagators?: TextMapPropagator | readonly string[];
  /**
   * Exporter instances and/or OTEL_TRACES_EXPORTER-style names (`otlp`, `zipkin`, `console`,
   * `none`); overrides OTEL_TRACES_EXPORTER. Each exporter gets its own BatchSpanProcessor.
   */
  readonly exporters?: ReadonlyArray<SpanExporter | string>;
  /** Overrides OTEL_BSP_* for the batch processors. */
  readonly batch?: Partial<BatchSpanProcessorOptions>;
  /** Extra processors, after the batch processors. */
  readonly spanProcessors?: readonly SpanProcessor[];
  /** Overrides the OTEL_*_LIMIT variables, limit by limit. */
  readonly spanLimits?: Partial<SpanLimits>;
  /** `false` turns the automatic HTTP/fetch instrumentation off. Default true. */
  readonly instrumentHttp?: boolean;
  /** HTTP instrumentation options, over those the environment sets. */
  readonly instrumentation?: HttpInstrumentationOptions;
  /** Overrides OTEL_LOG_LEVEL for the console diag logger. */
  readonly logLevel?: DiagLogLevel;
  /**
   * Route `diag` to the console (at `logLevel` / OTEL_LOG_LEVEL, default warn). Default true;
   * set false to keep a diag logger the application installed itself.
   */
  readonly installDiagLogger?: boolean;
  /** Flush and shut down on SIGTERM, SIGINT and `beforeExit`. Default true. */
  readonly shutdownOnExit?: boolean;
  /** Upper bound for the flush on a signal or exit. Default 5000 ms. */
  readonly shutdownTimeoutMs?: number;
}

/** What `startSkeinNode` returns. Its methods never reject. */
export interface SkeinNode {
  /** The provider spans are made with (a no-op one when the SDK is disabled or failed). */
  readonly tracerProvider: TracerProvider;
  /** Exports every span ended so far. */
  forceFlush(): Promise<void>;
  /** Stops instrumentation and polling, flushes, shuts the exporters down. Idempotent. */
  shutdown(): Promise<void>;
}
