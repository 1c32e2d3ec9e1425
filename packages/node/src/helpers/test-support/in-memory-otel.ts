// Test support only (never imported by runtime code). Registers the OpenTelemetry JS reference
// SDK globally, so the helper and OpenTracing-bridge tests check behaviour against whatever
// provider is registered through @opentelemetry/api — not against Skein's own core.
import { context, propagation, trace, type TextMapPropagator } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export interface InMemoryOtel {
  readonly exporter: InMemorySpanExporter;
  /** Ended spans so far, in end order. */
  spans(): ReadableSpan[];
  /** The one ended span with this name; fails the test if there are none or several. */
  span(name: string): ReadableSpan;
  /** Unregisters everything, so the next registration starts clean. */
  uninstall(): Promise<void>;
}

export function w3cPropagator(): TextMapPropagator {
  return new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
}

export function installInMemoryOtel(propagator: TextMapPropagator = w3cPropagator()): InMemoryOtel {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(propagator);
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    span(name) {
      const found = exporter.getFinishedSpans().filter((s) => s.name === name);
      if (found.length !== 1) throw new Error(`expected one span named ${name}, found ${found.length}`);
      return found[0]!;
    },
    async uninstall() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      contextManager.disable();
    },
  };
}
