import { ProxyTracerProvider } from '@opentelemetry/api';
import type { SkeinNode } from './skein-node-options.js';

/**
 * The handle for a disabled or failed SDK: a provider whose tracers make non-recording spans
 * (a ProxyTracerProvider without delegate), and methods that do nothing.
 */
export function noopSkeinNode(): SkeinNode {
  return {
    tracerProvider: new ProxyTracerProvider(),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}
