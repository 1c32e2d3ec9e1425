import type { Logger } from 'pino';
import { createOtlpHttpForwarder, type ForwardObserver, type SpanForwarder } from '@skein/exporters';
import type { SkeinConfig } from '../config/options.js';

/**
 * The collector role: every accepted span is also sent, as OTLP/HTTP protobuf, to the configured
 * endpoint (Honeycomb, another Skein, any OTLP backend). Without an endpoint there are none.
 */
export function createForwarders(config: SkeinConfig, observer: ForwardObserver, logger: Logger): SpanForwarder[] {
  if (!config.forwardEndpoint) return [];
  return [
    createOtlpHttpForwarder({
      endpoint: config.forwardEndpoint,
      headers: { ...config.forwardHeaders },
      maxQueuedSpans: config.forwardQueueSpans,
      maxBatchSpans: Math.min(config.maxBatchSpans, 8192),
      timeoutMs: 10_000,
      compression: 'gzip',
      observer,
      logger: logger.child({ forwarder: config.forwardEndpoint }),
    }),
  ];
}
