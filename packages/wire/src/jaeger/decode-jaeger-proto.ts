import { type Resource, type Span } from '@skein/model';
import { asDecodeError } from '../otlp/decode-errors.js';
import { ProtoReader } from '../otlp/proto-reader.js';
import { processToResource } from './jaeger-process.js';
import { BATCH_PROCESS, BATCH_SPANS, REQUEST_BATCH } from './jaeger-proto-schema.js';
import { JaegerScopes } from './jaeger-special-tags.js';
import { jaegerPartsToSpan } from './jaeger-span-to-model.js';
import { readProtoProcess, readProtoSpan, type ByteRange, type ProtoSpanRead } from './read-jaeger-proto.js';

/**
 * Decodes a protobuf `jaeger.api_v2.PostSpansRequest`, the message of the Jaeger gRPC
 * collector (`jaeger.api_v2.CollectorService/PostSpans`, port 14250), without gRPC framing.
 * Mapping: jaeger-span-to-model.ts, as for Thrift.
 *
 * A span's own Process overrides the batch's (model.proto: "span.Process taking priority
 * over batch.Process"). Processes are turned into Resources once per distinct content, so
 * spans of one service share one Resource object even when each span carries its process.
 *
 * Malformed bytes throw SKEIN_ERR_MALFORMED_PROTOBUF; no other exception escapes.
 */
export function decodeJaegerProtoPostSpans(bytes: Uint8Array): Span[] {
  try {
    const r = new ProtoReader(bytes);
    const spans: ProtoSpanRead[] = [];
    const batchProcess: ByteRange[] = [];
    // PostSpansRequest.batch; should it occur more than once, protobuf merges the occurrences
    while (r.pos < r.len) {
      const tag = r.tag();
      if (tag === REQUEST_BATCH) readBatch(r, r.lenEnd(r.len), spans, batchProcess);
      else r.skip(tag, r.len);
    }
    const resources = new ResourcesByContent(r);
    const batchResource = resources.get(batchProcess);
    const scopes = new JaegerScopes();
    return spans.map((s) => jaegerPartsToSpan(s.parts, s.processRanges.length > 0 ? resources.get(s.processRanges) : batchResource, scopes));
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_MALFORMED_PROTOBUF');
  }
}

/** The gRPC answer: PostSpansResponse is an empty message, so its encoding is zero bytes. */
export function encodeJaegerProtoPostSpansResponse(): Uint8Array {
  return new Uint8Array(0);
}

function readBatch(r: ProtoReader, end: number, spans: ProtoSpanRead[], processRanges: ByteRange[]): void {
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === BATCH_SPANS) {
      const span = readProtoSpan(r, r.lenEnd(end));
      if (span) spans.push(span);
    } else if (tag === BATCH_PROCESS) {
      const processEnd = r.lenEnd(end);
      processRanges.push([r.pos, processEnd]);
      r.pos = processEnd;
    } else r.skip(tag, end);
  }
  r.expectEnd(end);
}

/** One Resource per distinct Process bytes within a request. */
class ResourcesByContent {
  private readonly byBytes = new Map<string, Resource>();
  constructor(private readonly r: ProtoReader) {}

  get(ranges: readonly ByteRange[]): Resource {
    const key = ranges.map(([from, to]) => this.r.buf.toString('latin1', from, to)).join('\u0100');
    let resource = this.byBytes.get(key);
    if (!resource) {
      resource = processToResource(ranges.length === 0 ? undefined : readProtoProcess(this.r, ranges));
      this.byBytes.set(key, resource);
    }
    return resource;
  }
}
