import { randomBytes } from 'node:crypto';

/** A random 16-byte W3C trace id, as 32 lowercase hex digits. */
export const newTraceId = (): string => randomBytes(16).toString('hex');

/** A random 8-byte span id, as 16 lowercase hex digits. */
export const newSpanId = (): string => randomBytes(8).toString('hex');

/** The W3C `traceparent` header of a sampled span: version 00, flags 01. */
export const traceparent = (traceId: string, spanId: string): string => `00-${traceId}-${spanId}-01`;
