import type { Attribute } from '@skein/model';

/**
 * A Jaeger span as read off either wire format (Thrift or protobuf), before it is mapped into
 * Skein's model. Both decoders fill this one shape, so the mapping rules live in one place
 * (jaeger-span-to-model.ts). Ids are already lowercase hex; tag values already typed.
 */
export interface JaegerSpanParts {
  traceId: string;
  /** The trace id's high 64 bits were zero: a 64-bit id, given back as 16 hex chars. */
  traceIdHigh64Absent: boolean;
  spanId: string;
  /** Thrift's `parentSpanId` field ('' when 0 or absent; protobuf has no such field). */
  parentSpanId: string;
  name: string;
  references: JaegerReference[];
  flags: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  tags: Attribute[];
  logs: JaegerLog[];
}

export interface JaegerReference {
  readonly refType: JaegerRefType;
  readonly traceId: string;
  readonly spanId: string;
}

/** SpanRefType, the same numbers in jaeger.thrift and model.proto. */
export const JaegerRefType = { CHILD_OF: 0, FOLLOWS_FROM: 1 } as const;
export type JaegerRefType = number;

export interface JaegerLog {
  readonly timeUnixNano: bigint;
  readonly fields: Attribute[];
}

/** A Jaeger Process: the service name and its tags, typed. */
export interface JaegerProcessParts {
  serviceName: string;
  tags: Attribute[];
}

export const emptySpanParts = (): JaegerSpanParts => ({
  traceId: '',
  traceIdHigh64Absent: false,
  spanId: '',
  parentSpanId: '',
  name: '',
  references: [],
  flags: 0,
  startTimeUnixNano: 0n,
  endTimeUnixNano: 0n,
  tags: [],
  logs: [],
});
