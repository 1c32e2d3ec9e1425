// Test support only. Registers OpenTelemetry's reference SDK (BasicTracerProvider, in-memory
// exporter, AsyncLocalStorageContextManager, W3C propagators) through @opentelemetry/api, so
// the instrumentation tests check behaviour against "whatever is registered", independent of
// Skein's own core.
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export interface TestTracing {
  /** Ended spans so far, in end order. */
  spans(): ReadableSpan[];
  /** Waits (a bounded number of event-loop turns) until a span matching `predicate` ended. */
  waitForSpan(predicate: (span: ReadableSpan) => boolean, what?: string): Promise<ReadableSpan>;
  /** Forgets the spans ended so far. */
  reset(): void;
  uninstall(): Promise<void>;
}

export function installTestTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  return {
    spans: () => exporter.getFinishedSpans(),
    async waitForSpan(predicate, what = 'span') {
      // Server spans end on the response's 'finish', which can come after the client has the
      // response; a few turns of the loop settle it. Counted turns, not a clock.
      for (let turn = 0; turn < 2000; turn++) {
        const found = exporter.getFinishedSpans().find(predicate);
        if (found !== undefined) return found;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const names = exporter.getFinishedSpans().map((s) => s.name);
      throw new Error(`no ${what} ended; spans so far: ${JSON.stringify(names)}`);
    },
    reset: () => exporter.reset(),
    async uninstall() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      contextManager.disable();
    },
  };
}

/** The `{name}` span of a given kind, or undefined. */
export function spansNamed(spans: readonly ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((span) => span.name === name);
}
