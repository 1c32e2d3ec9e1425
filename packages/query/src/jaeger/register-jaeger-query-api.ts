import { nowNanos } from '@skein/model';
import type { TraceStore } from '@skein/store';
import type { FastifyInstance } from 'fastify';
import { registerJaegerV1Routes } from './v1-routes.js';
import { registerJaegerV3Routes } from './v3-routes.js';

export interface JaegerQueryApiOptions {
  readonly store: TraceStore;
  /** The clock for default search windows (Unix nanoseconds); tests pass their own. */
  readonly now?: () => bigint;
}

/**
 * Adds Jaeger's query API to `app`: `/api/services`, `/api/services/:service/operations`,
 * `/api/operations`, `/api/traces`, `/api/traces/:traceID`, `/api/dependencies`, and api_v3's
 * `/api/v3/services`, `/api/v3/operations`, `/api/v3/traces`, `/api/v3/traces/:trace_id`, with
 * Jaeger's response shapes so Jaeger UI, Grafana's Jaeger data source and scripts work unchanged.
 */
export function registerJaegerQueryApi(app: FastifyInstance, opts: JaegerQueryApiOptions): void {
  const deps = { store: opts.store, now: opts.now ?? nowNanos };
  registerJaegerV1Routes(app, deps);
  registerJaegerV3Routes(app, deps);
}
