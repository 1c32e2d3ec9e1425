import { ADDRESS_KEYS, LOCAL_COMPONENT, type ZipkinV1Annotation, type ZipkinV1BinaryAnnotation, type ZipkinV1Span } from './zipkin-v1-span.js';
import { partsToZipkinV2Span, type ZipkinSpanParts } from './zipkin-span-parts.js';
import { putTagsInObjectOrder } from './zipkin-tag-order.js';
import type { ZipkinV2Annotation, ZipkinV2Endpoint, ZipkinV2Kind, ZipkinV2Span } from './zipkin-v2-span.js';

/**
 * One Zipkin v1 span → the v2 spans it holds, following Zipkin's own converter rule for rule
 * (zipkin2.v1.V1SpanConverter in openzipkin/zipkin):
 *
 * - annotations and binary annotations are grouped by the service that logged them: each
 *   service gets its own v2 span, the first one seen (or any without endpoint) the first span;
 * - the core annotations cs/cr, sr/ss, ms/mr (with ws/wr) set kind, timestamp and duration
 *   and are not kept as annotations; all others stay annotations;
 * - a v1 span holding both client and server sides (cs + sr) becomes two v2 spans sharing an
 *   id, the server one `shared` and timed by sr/ss; when both sides name the same service
 *   ("loopback") the server side is forked off all the same;
 * - `ca`/`sa`/`ma` address annotations become remote endpoints; string binary annotations
 *   become tags, except an empty `lc` (a marker only carrying the local endpoint).
 *
 * Two additions to Zipkin's rules:
 * - py_zipkin writes an in-process (LOCAL) span in v1 as a "simulated" two-part span: cs = sr
 *   and ss = cr, all four logged by the same endpoint, and no address annotation. Zipkin splits
 *   that into a client span and a shared server span; Skein recognises the pattern (no real RPC
 *   logs both sides at the same microseconds from one endpoint) and keeps the one kind-less span
 *   py_zipkin meant, the same span its v2 encoding sends.
 * - where the v1 span has no local service name but an `lc` ("local component") tag, the tag's
 *   value also names the local service, as the OpenTelemetry Collector's zipkinv1 translator does.
 * Names are kept as sent (Zipkin lowercases them; Skein's v2 decoder keeps them, so does this).
 */
export function convertZipkinV1Span(source: ZipkinV1Span): ZipkinV2Span[] {
  const parts: ZipkinSpanParts[] = [];
  convertZipkinV1SpanToParts(source, parts);
  return parts.map(partsToZipkinV2Span);
}

/** Every span's conversion, in order, for the model mapping. */
export function zipkinV1SpansToParts(sources: readonly ZipkinV1Span[]): ZipkinSpanParts[] {
  const out: ZipkinSpanParts[] = [];
  for (const source of sources) convertZipkinV1SpanToParts(source, out);
  return out;
}

/** The same conversion, appending ZipkinSpanParts to `out` for the model mapping (what the decoders use). */
export function convertZipkinV1SpanToParts(source: ZipkinV1Span, out: ZipkinSpanParts[]): void {
  const conversion = new V1Conversion(source);
  conversion.processAnnotations();
  conversion.processBinaryAnnotations();
  conversion.finish(out);
}

/** A v2 span under construction: the part of Zipkin's Span.Builder the conversion uses. */
class V2SpanBuilder {
  kind: ZipkinV2Kind | undefined;
  localEndpoint: ZipkinV2Endpoint | undefined;
  remoteEndpoint: ZipkinV2Endpoint | undefined;
  timestamp: number | undefined;
  duration: number | undefined;
  shared = false;
  localComponent: string | undefined;
  readonly annotations: ZipkinV2Annotation[] = [];
  readonly tagKeys: string[] = [];
  readonly tagValues: string[] = [];

  constructor(localEndpoint?: ZipkinV2Endpoint) {
    this.localEndpoint = localEndpoint;
  }

  /** Zipkin: zero means unknown, for timestamps and durations alike. */
  setTimestamp(micros: number | undefined): this {
    this.timestamp = micros ? micros : undefined;
    return this;
  }

  setDuration(micros: number | undefined): this {
    this.duration = micros ? micros : undefined;
    return this;
  }

  setRemote(endpoint: ZipkinV2Endpoint | undefined): void {
    this.remoteEndpoint = endpoint && !isEmpty(endpoint) ? endpoint : undefined;
  }

  /** A later tag of the same key wins, at the first one's place (Zipkin's Span.Builder.putTag; see build). */
  putTag(key: string, value: string): void {
    this.tagKeys.push(key);
    this.tagValues.push(value);
  }

  build(source: ZipkinV1Span): ZipkinSpanParts {
    const local = this.localEndpoint?.serviceName === undefined && this.localComponent ? { ...this.localEndpoint, serviceName: this.localComponent } : this.localEndpoint;
    putTagsInObjectOrder(this.tagKeys, this.tagValues);
    return {
      traceId: source.traceId,
      parentId: source.parentId,
      id: source.id,
      kind: this.kind,
      name: source.name || undefined,
      timestamp: this.timestamp ?? 0,
      duration: this.duration ?? 0,
      localEndpoint: local,
      remoteEndpoint: this.remoteEndpoint,
      annotations: this.annotations.length > 0 ? sortedUnique(this.annotations) : undefined,
      tagKeys: this.tagKeys,
      tagValues: this.tagValues,
      debug: source.debug === true,
      // Zipkin: "shared is for the server side, unset it if accidentally set on the client side".
      shared: this.shared && this.kind !== 'CLIENT',
    };
  }
}

class V1Conversion {
  private readonly first = new V2SpanBuilder();
  private readonly others: V2SpanBuilder[] = [];
  private cs: ZipkinV1Annotation | undefined;
  private sr: ZipkinV1Annotation | undefined;
  private ss: ZipkinV1Annotation | undefined;
  private cr: ZipkinV1Annotation | undefined;
  private ms: ZipkinV1Annotation | undefined;
  private mr: ZipkinV1Annotation | undefined;
  private ws: ZipkinV1Annotation | undefined;
  private wr: ZipkinV1Annotation | undefined;
  private readonly timestamp: number;
  private readonly duration: number;

  constructor(private readonly source: ZipkinV1Span) {
    this.timestamp = source.timestamp ?? 0;
    this.duration = source.duration ?? 0;
  }

  processAnnotations(): void {
    // V1Span keeps annotations sorted by timestamp, then value: the order decides which
    // service's span comes first.
    for (const a of sortedByTime(this.source.annotations)) {
      const current = this.forEndpoint(a.endpoint);
      // Core annotations require an endpoint: without one they are just annotations.
      if (a.value.length === 2 && a.endpoint) {
        switch (a.value) {
          case 'cs':
            current.kind = 'CLIENT';
            this.cs = a;
            continue;
          case 'sr':
            current.kind = 'SERVER';
            this.sr = a;
            continue;
          case 'ss':
            current.kind = 'SERVER';
            this.ss = a;
            continue;
          case 'cr':
            current.kind = 'CLIENT';
            this.cr = a;
            continue;
          case 'ms':
            current.kind = 'PRODUCER';
            this.ms = a;
            continue;
          case 'mr':
            current.kind = 'CONSUMER';
            this.mr = a;
            continue;
          case 'ws':
            this.ws = a;
            continue;
          case 'wr':
            this.wr = a;
            continue;
        }
      }
      current.annotations.push({ timestamp: a.timestamp, value: a.value });
    }

    // When bridging between event and span model, a start annotation can go missing.
    if (!this.cs && this.endReflectsSpanDuration(this.cr)) this.cs = { timestamp: this.timestamp, value: 'cs', endpoint: this.cr!.endpoint };
    if (!this.sr && this.endReflectsSpanDuration(this.ss)) this.sr = { timestamp: this.timestamp, value: 'sr', endpoint: this.ss!.endpoint };

    const { cs, sr, ss, cr } = this;
    if (this.isSimulatedLocalSpan()) {
      // One in-process span: no kind, timed like a client span, the core annotations consumed.
      this.maybeTimestampDuration(cs!, cr);
      this.forEndpoint(cs!.endpoint).kind = undefined;
    } else if (cs && sr) {
      // In a shared span the client side owns the span's timestamp and duration.
      this.maybeTimestampDuration(cs, cr);
      const client = this.forEndpoint(cs.endpoint);
      let server: V2SpanBuilder;
      if (sameServiceName(cs.endpoint!, sr.endpoint)) {
        // Loopback: fork a span for the server side, so there are still two.
        client.kind = 'CLIENT';
        server = this.newSpan(sr.endpoint!);
        server.kind = 'SERVER';
      } else {
        server = this.forEndpoint(sr.endpoint);
      }
      // The server side is shorter than the span: its own annotations say by how much.
      server.shared = true;
      server.setTimestamp(sr.timestamp);
      if (ss) server.setDuration(ss.timestamp - sr.timestamp);
      if (!cr && this.duration === 0) client.setDuration(undefined); // one-way: no duration
    } else if (cs && cr) {
      this.maybeTimestampDuration(cs, cr);
    } else if (sr && ss) {
      this.maybeTimestampDuration(sr, ss);
    } else {
      this.handleIncompleteRpc();
    }

    // v1 had no shared flag: by convention a server side without the span's own timestamp
    // (or with one but no duration although ss was logged) joined a span its client started.
    if (!cs && sr && (this.timestamp === 0 || (ss && this.duration === 0))) this.forEndpoint(sr.endpoint).shared = true;

    this.processMessaging();
  }

  processBinaryAnnotations(): void {
    let ca: ZipkinV2Endpoint | undefined;
    let sa: ZipkinV2Endpoint | undefined;
    let ma: ZipkinV2Endpoint | undefined;
    for (const b of sortedByKey(this.source.binaryAnnotations)) {
      // Address annotations should be BOOL true, but some clients (zipkin-ruby) wrote "1":
      // Zipkin reads any of these keys as an address.
      if (ADDRESS_KEYS.has(b.key)) {
        if (b.key === 'ca') ca = b.endpoint;
        else if (b.key === 'sa') sa = b.endpoint;
        else ma = b.endpoint;
        continue;
      }
      if (b.value === undefined) continue;
      const current = this.forEndpoint(b.endpoint);
      if (b.key === LOCAL_COMPONENT) {
        if (b.value === '') continue; // only a marker for the local endpoint, not a tag
        current.localComponent = b.value;
      }
      current.putTag(b.key, b.value);
    }

    const { cs, cr, ss, sr, ms, mr } = this;
    // Without core annotations, address annotations alone say what the span is.
    if (!cs && !cr && !ss && !sr && (ca || sa)) {
      if (ca && sa) this.forEndpoint(ca).setRemote(sa);
      else if (sa) this.forEndpoint(undefined).setRemote(sa); // "sa" is a default remote address, not a client
      else {
        const server = this.forEndpoint(undefined);
        server.kind = 'SERVER';
        server.setRemote(ca);
      }
      return;
    }

    const server = sr ?? ss;
    if (ca && server && !sameEndpoint(ca, server.endpoint!)) {
      // Finagle adds a "ca" on server spans for the client port of the socket, with the
      // server's own service name: dropping that name avoids a loopback link.
      if (sameServiceName(ca, server.endpoint)) ca = withoutServiceName(ca);
      this.forEndpoint(server.endpoint).setRemote(ca);
    }
    if (sa) {
      if (cs) this.forEndpoint(cs.endpoint).setRemote(sa);
      else if (cr) this.forEndpoint(cr.endpoint).setRemote(sa);
    }
    if (ma) {
      // Both sides of an (accidentally) shared messaging span get the broker's address.
      if (ms) this.forEndpoint(ms.endpoint).setRemote(ma);
      if (mr) this.forEndpoint(mr.endpoint).setRemote(ma);
    }
  }

  finish(out: ZipkinSpanParts[]): void {
    out.push(this.first.build(this.source));
    for (const other of this.others) out.push(other.build(this.source));
  }

  /** ms and mr are not supposed to be in one span; when they are, each side gets its own. */
  private processMessaging(): void {
    const { ms, mr, ws, wr } = this;
    if (ms && mr) {
      const producer = this.forEndpoint(ms.endpoint);
      let consumer: V2SpanBuilder;
      if (sameServiceName(ms.endpoint!, mr.endpoint)) {
        producer.kind = 'PRODUCER';
        consumer = this.newSpan(mr.endpoint!);
        consumer.kind = 'CONSUMER';
      } else {
        consumer = this.forEndpoint(mr.endpoint);
      }
      consumer.shared = true;
      if (wr) consumer.setTimestamp(wr.timestamp).setDuration(mr.timestamp - wr.timestamp);
      else consumer.setTimestamp(mr.timestamp);
      producer.setTimestamp(ms.timestamp).setDuration(ws ? ws.timestamp - ms.timestamp : undefined);
    } else if (ms) {
      this.maybeTimestampDuration(ms, ws);
    } else if (mr) {
      if (wr) this.maybeTimestampDuration(wr, mr);
      else this.maybeTimestampDuration(mr, undefined);
    } else {
      if (ws) this.forEndpoint(ws.endpoint).annotations.push({ timestamp: ws.timestamp, value: ws.value });
      if (wr) this.forEndpoint(wr.endpoint).annotations.push({ timestamp: wr.timestamp, value: wr.value });
    }
  }

  /** An incomplete RPC: the lone core annotations time the span, or stay as annotations. */
  private handleIncompleteRpc(): void {
    for (const next of [this.first, ...this.others]) {
      if (next.kind === 'CLIENT') {
        if (this.cs) next.setTimestamp(this.cs.timestamp);
        if (this.cr) next.annotations.push({ timestamp: this.cr.timestamp, value: this.cr.value });
      } else if (next.kind === 'SERVER') {
        if (this.sr) next.setTimestamp(this.sr.timestamp);
        if (this.ss) next.annotations.push({ timestamp: this.ss.timestamp, value: this.ss.value });
      }
    }
    if (this.timestamp !== 0) this.first.setTimestamp(this.timestamp).setDuration(this.duration);
  }

  /** py_zipkin's v1 encoding of a LOCAL span (py_zipkin's Span.build_v1_span: "set cs=sr and ss=cr"). */
  private isSimulatedLocalSpan(): boolean {
    const { cs, sr, ss, cr } = this;
    if (!cs || !sr || !ss || !cr || this.ms || this.mr) return false;
    if (cs.timestamp !== sr.timestamp || ss.timestamp !== cr.timestamp) return false;
    if (![sr, ss, cr].every((a) => sameEndpoint(a.endpoint!, cs.endpoint!))) return false;
    return !this.source.binaryAnnotations.some((b) => ADDRESS_KEYS.has(b.key));
  }

  private endReflectsSpanDuration(end: ZipkinV1Annotation | undefined): boolean {
    return end !== undefined && this.timestamp !== 0 && this.duration !== 0 && this.timestamp + this.duration === end.timestamp;
  }

  /** The span's own timestamp and duration when it has both, else the annotations'. */
  private maybeTimestampDuration(begin: ZipkinV1Annotation, end: ZipkinV1Annotation | undefined): void {
    const span = this.forEndpoint(begin.endpoint);
    if (this.timestamp !== 0 && this.duration !== 0) {
      span.setTimestamp(this.timestamp).setDuration(this.duration);
    } else {
      span.setTimestamp(begin.timestamp);
      if (end) span.setDuration(end.timestamp - begin.timestamp);
    }
  }

  /** The v2 span of the service that logged with `endpoint`; data without endpoint goes to the first. */
  private forEndpoint(endpoint: ZipkinV2Endpoint | undefined): V2SpanBuilder {
    if (!endpoint) return this.first;
    if (closeEnough(this.first, endpoint)) return this.first;
    for (const next of this.others) if (closeEnough(next, endpoint)) return next;
    return this.newSpan(endpoint);
  }

  private newSpan(localEndpoint: ZipkinV2Endpoint): V2SpanBuilder {
    const span = new V2SpanBuilder(localEndpoint);
    this.others.push(span);
    return span;
  }
}

/** A span without a local endpoint takes this one; otherwise the service names must match. */
function closeEnough(span: V2SpanBuilder, endpoint: ZipkinV2Endpoint): boolean {
  if (!span.localEndpoint) {
    span.localEndpoint = endpoint;
    return true;
  }
  return sameServiceName(span.localEndpoint, endpoint);
}

const sameServiceName = (a: ZipkinV2Endpoint, b: ZipkinV2Endpoint | undefined): boolean => a.serviceName === b?.serviceName;

const sameEndpoint = (a: ZipkinV2Endpoint, b: ZipkinV2Endpoint): boolean => a.serviceName === b.serviceName && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.port === b.port;

const isEmpty = (e: ZipkinV2Endpoint): boolean => e.serviceName === undefined && e.ipv4 === undefined && e.ipv6 === undefined && e.port === undefined;

function withoutServiceName(e: ZipkinV2Endpoint): ZipkinV2Endpoint {
  const { serviceName: _dropped, ...rest } = e;
  return rest;
}

/** Java's String.compareTo: UTF-16 code unit order, which is JavaScript's too. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorted by key, stably, as V1Span sorts binary annotations (the order decides which service's
 * span comes first, and tag order). A span has a few dozen at most in practice, and for those an
 * insertion sort in JS beats the built-in sort, which calls back into JS for every comparison.
 */
function sortedByKey(list: readonly ZipkinV1BinaryAnnotation[]): ZipkinV1BinaryAnnotation[] {
  const sorted = list.slice();
  if (sorted.length > 32) return sorted.sort((x, y) => compareText(x.key, y.key));
  for (let i = 1; i < sorted.length; i++) {
    const item = sorted[i]!;
    let j = i - 1;
    for (; j >= 0 && sorted[j]!.key > item.key; j--) sorted[j + 1] = sorted[j]!;
    sorted[j + 1] = item;
  }
  return sorted;
}

/** Sorted by timestamp, then value (V1Annotation and Annotation compare so). */
const sortedByTime = <T extends { timestamp: number; value: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.timestamp - b.timestamp || compareText(a.value, b.value));

/** Sorted and without duplicates, as zipkin2.Span keeps its annotations. */
function sortedUnique(list: readonly ZipkinV2Annotation[]): ZipkinV2Annotation[] {
  const sorted = sortedByTime(list);
  return sorted.filter((a, i) => i === 0 || a.timestamp !== sorted[i - 1]!.timestamp || a.value !== sorted[i - 1]!.value);
}
