import { isMainThread } from 'node:worker_threads';
import { diag } from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';
import type { Env } from '../config/env.js';
import { installDiagLogger } from '../config/install-diag-logger.js';
import { sdkDisabledFromEnv } from '../config/sdk-disabled-from-env.js';
import { propagatorNamesFromEnv } from '../config/propagator-names-from-env.js';
import { spanLimitsFromEnv } from '../config/span-limits-from-env.js';
import { detectResource } from '../resource/detect-resource.js';
import { samplerFromEnv } from '../sampling/sampler-from-env.js';
import { stopSampler } from '../sampling/stop-sampler.js';
import { SkeinTracerProvider } from '../trace/tracer-provider.js';
import type { SpanResource } from '../trace/finished-span.js';
import type { SpanProcessor } from '../trace/span-processor.js';
import { AsyncLocalStorageContextManager } from '../context/async-local-storage-context-manager.js';
import { propagatorFromNames } from '../propagation/propagator-from-names.js';
import { spanExportersFromEnv } from '../export/exporters-from-env.js';
import type { SpanExporter } from '../export/span-exporter.js';
import { BatchSpanProcessor } from '../export/batch-span-processor.js';
import { batchOptionsFromEnv } from '../export/batch-options-from-env.js';
import { httpInstrumentationOptionsFromEnv, startHttpInstrumentation } from '../instrumentation/start-http-instrumentation.js';
import type { SkeinNode, SkeinNodeOptions } from './skein-node-options.js';
import { noopSkeinNode } from './noop-skein-node.js';
import { registerGlobals } from './register-globals.js';
import type { GlobalRegistration } from './register-globals.js';
import { installExitHooks } from './exit-hooks.js';
import { reportStartupFailure } from './report-startup-failure.js';
import { withTimeout } from './with-timeout.js';

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5000;

/**
 * Starts tracing for this process: resource, sampler, provider with a BatchSpanProcessor per
 * exporter, registration with @opentelemetry/api, automatic HTTP instrumentation, and a flush
 * on SIGTERM / SIGINT / exit. Options win over the OTEL_* environment variables.
 *
 * Never throws: if anything fails, one line goes to stderr (`@skein/node: ...`), whatever was
 * registered is undone, and the application runs untraced. With OTEL_SDK_DISABLED=true it
 * registers nothing and returns a no-op handle. If another OpenTelemetry SDK is registered
 * already, it says so, registers nothing globally and returns a handle whose provider still
 * works when used directly.
 */
export function startSkeinNode(options: SkeinNodeOptions = {}): SkeinNode {
  let registration: GlobalRegistration | undefined;
  let cleanup: Array<() => void> = [];
  try {
    const env: Env = options.env ?? process.env;
    if (options.disabled ?? sdkDisabledFromEnv(env)) return noopSkeinNode();
    if (options.installDiagLogger !== false) installDiagLogger(env, options.logLevel);

    const resource = detectResource(env, { serviceName: options.serviceName, attributes: options.resourceAttributes });
    const serviceName = String(resource.attributes['service.name']);
    const sampler = options.sampler ?? samplerFromEnv(env, serviceName);
    // Only samplers built here are ours to stop; a user's sampler is the user's.
    if (options.sampler === undefined) cleanup.push(() => stopSampler(sampler));

    const processors: SpanProcessor[] = [];
    const batchOptions = { ...batchOptionsFromEnv(env), ...options.batch };
    for (const exporter of exportersFor(options, env, resource)) processors.push(new BatchSpanProcessor(exporter, batchOptions));
    if (options.spanProcessors) processors.push(...options.spanProcessors);

    const provider = new SkeinTracerProvider({
      resource,
      sampler,
      spanLimits: { ...spanLimitsFromEnv(env), ...options.spanLimits },
      processors,
    });
    const propagator = propagatorFor(options, env);
    const contextManager = new AsyncLocalStorageContextManager().enable();

    registration = registerGlobals(provider, contextManager, propagator);
    if (!registration.tracerProvider) {
      diag.warn(
        '@skein/node: another OpenTelemetry SDK has already registered a global tracer provider, so Skein registered nothing ' +
          'and does not instrument HTTP. Start only one SDK (remove the other, or the --import/--require of @skein/node/register); ' +
          "Skein's provider is still usable through the handle startSkeinNode returned.",
      );
    } else if (options.instrumentHttp !== false) {
      const instrumentation = startHttpInstrumentation({ ...httpInstrumentationOptionsFromEnv(env), ...options.instrumentation });
      cleanup.push(() => instrumentation.stop());
    }

    const timeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    let shutdownPromise: Promise<void> | undefined;
    const stopEverything = (): Promise<void> => {
      if (shutdownPromise === undefined) {
        const steps = cleanup;
        cleanup = [];
        for (const step of steps.reverse()) runQuietly(step);
        shutdownPromise = provider.shutdown().catch((err: unknown) => diag.error('@skein/node: shutdown failed', err));
      }
      return shutdownPromise;
    };
    const flush = (): Promise<void> => provider.forceFlush().catch((err: unknown) => diag.error('@skein/node: flush failed', err));

    // Signals reach only the main thread; a worker's SDK is flushed by its own beforeExit.
    if (options.shutdownOnExit !== false) {
      const removeHooks = installExitHooks({ flush, shutdown: stopEverything, timeoutMs, ...(isMainThread ? {} : { signals: [] }) });
      cleanup.push(removeHooks);
    }

    return {
      tracerProvider: provider,
      forceFlush: () => withTimeout(flush(), timeoutMs).then(() => undefined),
      shutdown: () => stopEverything(),
    };
  } catch (error) {
    for (const step of cleanup.reverse()) runQuietly(step);
    if (registration !== undefined) runQuietly(() => registration!.unregister());
    reportStartupFailure(error);
    return noopSkeinNode();
  }
}

function exportersFor(options: SkeinNodeOptions, env: Env, resource: SpanResource): SpanExporter[] {
  if (options.exporters === undefined) return spanExportersFromEnv(env, resource);
  const instances: SpanExporter[] = [];
  const names: string[] = [];
  for (const entry of options.exporters) {
    if (typeof entry === 'string') names.push(entry);
    else instances.push(entry);
  }
  // Names mean what OTEL_TRACES_EXPORTER would; with none given, that variable is not consulted.
  const named = names.length > 0 ? spanExportersFromEnv({ ...env, OTEL_TRACES_EXPORTER: names.join(',') }, resource) : [];
  return [...named, ...instances];
}

function propagatorFor(options: SkeinNodeOptions, env: Env): TextMapPropagator {
  const given = options.propagators;
  if (given === undefined) return propagatorFromNames(propagatorNamesFromEnv(env));
  if (Array.isArray(given)) return propagatorFromNames(given as readonly string[]);
  return given as TextMapPropagator;
}

function runQuietly(step: () => void): void {
  try {
    step();
  } catch (err) {
    diag.debug('@skein/node: a cleanup step failed', err);
  }
}
