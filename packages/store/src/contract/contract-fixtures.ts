import { attr, makeSpan, str, StatusCode, type Attribute, type Resource, type Span, type SpanEvent, type SpanKind } from '@skein/model';
import type { TraceStore } from '../trace-store.js';

/** 2024-03-10T12:00:00Z: noon, so a few hours either way stay on the same UTC day. */
export const BASE_NANOS = BigInt(Date.UTC(2024, 2, 10, 12)) * 1_000_000n;
export const MS = 1_000_000n;
export const DAY = 86_400_000_000_000n;

/** A trace id ending in `n` (easy to read in failures, and ordered by n). */
export const traceIdOf = (n: number): string => 'c0ffee' + n.toString(16).padStart(26, '0');
export const spanIdOf = (n: number): string => n.toString(16).padStart(16, '0');

const resources = new Map<string, Resource>();
/** One Resource object per service, shared between spans as receivers share them. */
export function resourceOf(service: string | undefined, extra: readonly Attribute[] = []): Resource {
  const key = JSON.stringify([service, extra.map((a) => [a.key, String(a.value.value)])]);
  let r = resources.get(key);
  if (!r) {
    r = { attributes: [...(service === undefined ? [] : [attr('service.name', str(service))]), ...extra], droppedAttributesCount: 0 };
    resources.set(key, r);
  }
  return r;
}

export interface SpanSpec {
  readonly trace: number;
  readonly id: number;
  readonly parent?: number;
  readonly service: string;
  readonly name: string;
  readonly kind?: SpanKind;
  /** Start, in ms after BASE_NANOS (may be negative). */
  readonly startMs: number;
  readonly durationMs: number;
  readonly attributes?: readonly Attribute[];
  readonly resourceAttributes?: readonly Attribute[];
  readonly error?: boolean;
  readonly events?: readonly SpanEvent[];
  readonly shared?: boolean;
}

export function spanOf(spec: SpanSpec): Span {
  const start = BASE_NANOS + BigInt(spec.startMs) * MS;
  return makeSpan({
    traceId: traceIdOf(spec.trace),
    spanId: spanIdOf(spec.id),
    parentSpanId: spec.parent === undefined ? '' : spanIdOf(spec.parent),
    name: spec.name,
    kind: spec.kind ?? 1,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(spec.durationMs) * MS,
    attributes: spec.attributes ?? [],
    events: spec.events ?? [],
    status: spec.error ? { code: StatusCode.ERROR, message: 'failed' } : { code: StatusCode.UNSET, message: '' },
    resource: resourceOf(spec.service, spec.resourceAttributes),
    shared: spec.shared ?? false,
  });
}

/** What the contract suite needs from a store implementation. */
export interface TraceStoreUnderTest {
  readonly store: TraceStore;
  /**
   * Opens the same data again after `store.close()` (on-disk stores). Stores without
   * durability (memory) leave it out, and the durability tests are skipped for them.
   */
  reopen?(): Promise<TraceStore>;
  /** Removes whatever the store left behind (files, schemas). Called after every store is closed. */
  cleanup(): Promise<void>;
}

export type TraceStoreFactory = () => Promise<TraceStoreUnderTest>;

/** Runs `fn` on a fresh store, then closes it and cleans up, whatever happens. */
export async function withStore(factory: TraceStoreFactory, fn: (store: TraceStore, sut: TraceStoreUnderTest) => Promise<void>): Promise<void> {
  const sut = await factory();
  try {
    await fn(sut.store, sut);
  } finally {
    await sut.store.close();
    await sut.cleanup();
  }
}

export const idsOf = (traces: readonly (readonly Span[])[]): string[] => traces.map((t) => t[0]!.traceId);
