import type { Attribute } from './attributes.js';

/** OTLP span kinds, with OTLP's numbers (so OTLP JSON/protobuf enums map one to one). */
export const SpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

export const SPAN_KIND_NAMES: Record<SpanKind, string> = {
  0: 'unspecified',
  1: 'internal',
  2: 'server',
  3: 'client',
  4: 'producer',
  5: 'consumer',
};

export function spanKindFromName(name: string): SpanKind | undefined {
  const n = name.toLowerCase().replace(/^span_kind_/, '');
  for (const [k, v] of Object.entries(SPAN_KIND_NAMES)) if (v === n) return Number(k) as SpanKind;
  return undefined;
}

export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

export interface Status {
  readonly code: StatusCode;
  readonly message: string;
}

export interface Resource {
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

export interface InstrumentationScope {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanEvent {
  readonly timeUnixNano: bigint;
  readonly name: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

export interface SpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly flags: number;
}

/**
 * Skein's one span model: OTLP-shaped. Every receiver maps into it, every API maps out of it.
 *
 * Ids are lowercase hex (32 chars for trace ids, 16 for span ids); `parentSpanId` is '' for a
 * root. Times are Unix nanoseconds as bigint (they exceed 2^53).
 *
 * Two fields exist for formats OTLP does not cover:
 * - `traceIdHigh64Absent`: the client sent a 64-bit trace id (Zipkin, Jaeger); it is stored
 *   left-padded with zeros and given back as 16 hex chars.
 * - `shared`: Zipkin's server half of an RPC that reuses its client's span id. Both halves are
 *   stored as sent; the Jaeger API re-identifies the server half the way Jaeger does.
 */
export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly traceState: string;
  readonly flags: number;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly events: readonly SpanEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly SpanLink[];
  readonly droppedLinksCount: number;
  readonly status: Status;
  /** Shared by reference between spans of one resource/scope: do not mutate. */
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly traceIdHigh64Absent: boolean;
  readonly shared: boolean;
}

export const EMPTY_RESOURCE: Resource = Object.freeze({ attributes: Object.freeze([]), droppedAttributesCount: 0 });
export const EMPTY_SCOPE: InstrumentationScope = Object.freeze({ name: '', version: '', attributes: Object.freeze([]) });

/** Fills defaults so mappers and tests can state only what matters. */
export function makeSpan(fields: Partial<Span> & Pick<Span, 'traceId' | 'spanId' | 'name' | 'startTimeUnixNano' | 'endTimeUnixNano'>): Span {
  return {
    parentSpanId: '',
    traceState: '',
    flags: 0,
    kind: SpanKind.UNSPECIFIED,
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: StatusCode.UNSET, message: '' },
    resource: EMPTY_RESOURCE,
    scope: EMPTY_SCOPE,
    traceIdHigh64Absent: false,
    shared: false,
    ...fields,
  };
}

export const durationNanos = (s: Pick<Span, 'startTimeUnixNano' | 'endTimeUnixNano'>): bigint =>
  s.endTimeUnixNano - s.startTimeUnixNano;
