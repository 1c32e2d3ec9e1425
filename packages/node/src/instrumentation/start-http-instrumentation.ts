import { diag } from '@opentelemetry/api';
import { subscribeFetch } from './fetch-instrumentation.js';
import { subscribeHttpClient } from './http-client-instrumentation.js';
import type { HttpInstrumentationOptions } from './http-instrumentation-options.js';
import { compileHttpInstrumentationSettings } from './http-instrumentation-settings.js';
import { subscribeHttpServer } from './http-server-instrumentation.js';
import { installPropagatingGlobalAgents, nodePublishesClientRequestCreated } from './propagating-agent.js';

export { httpInstrumentationOptionsFromEnv } from './http-instrumentation-options.js';
export type { HttpInstrumentationOptions, CapturedHeaderOptions } from './http-instrumentation-options.js';

export interface HttpInstrumentation {
  /** Unsubscribes every channel and restores the global agents; idempotent. */
  stop(): void;
}

/**
 * Traces incoming `http`/`https` requests, outgoing `http`/`https` requests and `fetch()`
 * through Node's diagnostics channels, writing spans through @opentelemetry/api (so through
 * whichever provider, propagator and context manager are registered, now or later).
 * Starting it again while it runs replaces the earlier settings.
 */
export function startHttpInstrumentation(options: HttpInstrumentationOptions = {}): HttpInstrumentation {
  const settings = compileHttpInstrumentationSettings(options);
  const undo: Array<() => void> = [];
  try {
    if (options.server !== false) undo.push(subscribeHttpServer(settings));
    if (options.client !== false) {
      undo.push(subscribeHttpClient(settings));
      if (options.propagateViaGlobalAgents !== false && !nodePublishesClientRequestCreated()) {
        undo.push(installPropagatingGlobalAgents());
      }
    }
    if (options.fetch !== false) undo.push(subscribeFetch(settings));
  } catch (error) {
    diag.error('@skein/node http: could not start the HTTP instrumentation', error);
  }
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      for (const step of undo.reverse()) {
        try {
          step();
        } catch (error) {
          diag.error('@skein/node http: could not stop part of the HTTP instrumentation', error);
        }
      }
    },
  };
}
