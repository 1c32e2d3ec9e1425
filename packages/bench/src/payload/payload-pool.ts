import type { Span } from '@skein/model';
import { encodeOtlpProtobuf, toOtlpJson } from '@skein/wire';
import { findJsonPatchPoints } from './json-patch-points.js';
import { SPAN_ID_SALTED_BYTE, TRACE_ID_SALTED_BYTE, saltFor, saltHexId, type PatchPoints } from './patch-points.js';
import { decimalShift, patchJson } from './patch-json.js';
import { patchProtobuf, timeShift } from './patch-protobuf.js';
import { findProtobufPatchPoints } from './protobuf-patch-points.js';
import { generateTemplateRequests } from './request-templates.js';

export type PayloadFormat = 'protobuf' | 'json';

export const CONTENT_TYPES: Record<PayloadFormat, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };

/**
 * Templates are generated at 2001-09-09 (10^18 ns): early enough that every real timeline is a
 * forward shift, and late enough that JSON timestamps already have their final 19 digits.
 */
const TEMPLATE_EPOCH_NANOS = 1_000_000_000_000_000_000n;
/** One new trace per millisecond on average: ~10k spans/s of traffic, a busy but ordinary system. */
const TRACE_GAP_NANOS = 1_000_000n;

export interface PayloadPoolOptions {
  readonly format: PayloadFormat;
  readonly seed: number;
  readonly templateCount: number;
  readonly maxSpansPerRequest: number;
  /** Spans to send in all: the pool works out how many requests that takes and lays the timeline out for them. */
  readonly spans: number;
  /** The last span of the last send ends before this (Unix ns). */
  readonly timelineEndNanos: bigint;
  /** Added to send numbers before salting, so two pools in one run never share a salt. */
  readonly saltOffset: number;
}

interface Template {
  readonly body: Buffer;
  readonly points: PatchPoints;
  readonly spanCount: number;
  readonly traces: readonly { readonly traceId: string; readonly spanCount: number }[];
}

/**
 * A fixed set of encoded request templates that yields an unlimited stream of distinct requests:
 * send k is template k mod T with its ids salted by k and its timestamps moved to cycle ⌊k/T⌋ of
 * a continuous timeline. Memory stays that of T requests however many are sent (10M spans included),
 * and making a body costs one copy plus a few thousand byte writes, so the load generator does not
 * steal much CPU from the server it measures.
 */
export class PayloadPool {
  readonly format: PayloadFormat;
  readonly contentType: string;
  /** Requests needed to send the `spans` asked for (the last one may overshoot by part of a request). */
  readonly sends: number;
  private readonly templates: Template[];
  private readonly saltOffset: number;
  /** Shift of cycle 0, and the distance between cycles, in nanoseconds. */
  private readonly baseShift: bigint;
  private readonly cycleNanos: bigint;
  /** Encoded time shifts per cycle, computed on first use. */
  private readonly shiftCache = new Map<number, { protobuf: ReturnType<typeof timeShift>; json: Uint8Array }>();

  constructor(options: PayloadPoolOptions) {
    this.format = options.format;
    this.contentType = CONTENT_TYPES[options.format];
    this.saltOffset = options.saltOffset;
    const templates: Template[] = [];
    let first: bigint | undefined;
    let last = 0n;
    const requests = generateTemplateRequests({
      seed: options.seed,
      requests: options.templateCount,
      maxSpansPerRequest: options.maxSpansPerRequest,
      startNanos: TEMPLATE_EPOCH_NANOS,
      traceGapNanos: TRACE_GAP_NANOS,
    });
    for (const r of requests) {
      for (const s of r.spans) {
        if (first === undefined || s.startTimeUnixNano < first) first = s.startTimeUnixNano;
        if (s.endTimeUnixNano > last) last = s.endTimeUnixNano;
      }
      templates.push(this.encodeTemplate(r.spans, r.traces));
    }
    if (first === undefined) throw new Error('a payload pool needs at least one template');
    this.templates = templates;
    // Cycles follow each other without overlapping; the millisecond keeps the next one strictly later.
    this.cycleNanos = last - first + 1_000_000n;
    let sends = 0;
    for (let spans = 0; spans < options.spans; sends++) spans += this.spansInSend(sends);
    this.sends = sends;
    const cycles = BigInt(Math.ceil(sends / options.templateCount));
    const timelineStart = options.timelineEndNanos - cycles * this.cycleNanos;
    this.baseShift = timelineStart - first;
  }

  private encodeTemplate(spans: readonly Span[], traces: Template['traces']): Template {
    const body = this.format === 'protobuf' ? Buffer.from(encodeOtlpProtobuf(spans)) : Buffer.from(JSON.stringify(toOtlpJson(spans)));
    const points = this.format === 'protobuf' ? findProtobufPatchPoints(body) : findJsonPatchPoints(body);
    const parents = spans.filter((s) => s.parentSpanId !== '').length;
    const times = spans.reduce((n, s) => n + 2 + s.events.length, 0);
    // A mismatch would mean some ids would repeat across sends and the stored volume would be fake.
    if (points.traceIds.length !== spans.length || points.spanIds.length !== spans.length + parents || points.times.length !== times) {
      throw new Error(`${this.format} template: found ${points.traceIds.length}/${points.spanIds.length}/${points.times.length} trace ids/span ids/times, expected ${spans.length}/${spans.length + parents}/${times}`);
    }
    return { body, points, spanCount: spans.length, traces };
  }

  get templateCount(): number {
    return this.templates.length;
  }

  /** Spans in sends 0 .. sends-1. */
  get totalSpans(): number {
    let n = 0;
    for (let send = 0; send < this.sends; send++) n += this.spansInSend(send);
    return n;
  }

  /** Mean encoded bytes per span over the templates. */
  get bytesPerSpan(): number {
    const bytes = this.templates.reduce((n, t) => n + t.body.byteLength, 0);
    return bytes / this.templates.reduce((n, t) => n + t.spanCount, 0);
  }

  /** The unpatched encoded templates (for the decode-only baseline). */
  templateBodies(): Buffer[] {
    return this.templates.map((t) => t.body);
  }

  spansInSend(send: number): number {
    return this.template(send).spanCount;
  }

  /** The request body of send number `send` (0-based). */
  bodyFor(send: number): Buffer {
    const template = this.template(send);
    const salt = saltFor(this.saltOffset + send);
    const shift = this.shiftOf(Math.floor(send / this.templates.length));
    return this.format === 'protobuf' ? patchProtobuf(template.body, template.points, salt, shift.protobuf) : patchJson(template.body, template.points, salt, shift.json);
  }

  /** The trace ids (as stored) and span counts that send number `send` carries. */
  tracesOfSend(send: number): { traceId: string; spanCount: number }[] {
    const salt = saltFor(this.saltOffset + send);
    return this.template(send).traces.map((t) => ({ traceId: saltHexId(t.traceId, TRACE_ID_SALTED_BYTE, salt), spanCount: t.spanCount }));
  }

  /** The span id a template span id becomes in send `send` (for tests and spot checks). */
  spanIdInSend(templateSpanId: string, send: number): string {
    return saltHexId(templateSpanId, SPAN_ID_SALTED_BYTE, saltFor(this.saltOffset + send));
  }

  /** How far send `send`'s timestamps are moved from the template's. */
  timeShiftOfSend(send: number): bigint {
    return this.baseShift + BigInt(Math.floor(send / this.templates.length)) * this.cycleNanos;
  }

  private template(send: number): Template {
    return this.templates[send % this.templates.length]!;
  }

  private shiftOf(cycle: number): { protobuf: ReturnType<typeof timeShift>; json: Uint8Array } {
    let shift = this.shiftCache.get(cycle);
    if (!shift) {
      const nanos = this.baseShift + BigInt(cycle) * this.cycleNanos;
      shift = { protobuf: timeShift(nanos), json: decimalShift(nanos) };
      this.shiftCache.set(cycle, shift);
    }
    return shift;
  }
}
