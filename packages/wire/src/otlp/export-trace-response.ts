import { SkeinError } from '@skein/model';
import { asDecodeError } from './decode-errors.js';
import { JsonShapeError, isJsonObject, objectField, stringField } from './json-shape.js';
import type { OtlpJsonExportTraceResponse } from './otlp-json-types.js';
import { ExportTracePartialSuccessFields, ExportTraceServiceResponseFields, WireType, tagOf } from './otlp-schema.js';
import { ProtoReader } from './proto-reader.js';
import { ProtoWriter } from './proto-writer.js';

/** What an OTLP export response reports: how many spans were refused, and why (or warnings). */
export interface ExportTracePartialSuccess {
  readonly rejectedSpans: number;
  readonly errorMessage: string;
}

const PARTIAL_SUCCESS = tagOf(ExportTraceServiceResponseFields.partialSuccess, WireType.LEN);
const REJECTED_SPANS = tagOf(ExportTracePartialSuccessFields.rejectedSpans, WireType.VARINT);
const ERROR_MESSAGE = tagOf(ExportTracePartialSuccessFields.errorMessage, WireType.LEN);

const isFullSuccess = (p: ExportTracePartialSuccess): boolean => p.rejectedSpans === 0 && p.errorMessage === '';

/**
 * `ExportTraceServiceResponse` (protobuf). Full success is the empty message: OTLP says
 * `partial_success` must be left unset then.
 */
export function encodeExportTraceResponseProtobuf(p: ExportTracePartialSuccess): Uint8Array {
  const w = new ProtoWriter(64 + p.errorMessage.length * 3);
  if (isFullSuccess(p)) return w.finish();
  w.uint32(PARTIAL_SUCCESS);
  const start = w.fork();
  if (p.rejectedSpans !== 0) {
    w.uint32(REJECTED_SPANS);
    w.int64(BigInt(p.rejectedSpans));
  }
  if (p.errorMessage !== '') {
    w.uint32(ERROR_MESSAGE);
    w.string(p.errorMessage);
  }
  w.ldelim(start);
  return w.finish();
}

/** `ExportTraceServiceResponse` in OTLP/JSON (`{}` on full success; int64 as a string). */
export function exportTraceResponseJson(p: ExportTracePartialSuccess): OtlpJsonExportTraceResponse {
  if (isFullSuccess(p)) return {};
  const partialSuccess: NonNullable<OtlpJsonExportTraceResponse['partialSuccess']> = {};
  if (p.rejectedSpans !== 0) partialSuccess.rejectedSpans = String(p.rejectedSpans);
  if (p.errorMessage !== '') partialSuccess.errorMessage = p.errorMessage;
  return { partialSuccess };
}

/** Reads an `ExportTraceServiceResponse` (protobuf), as an exporter does with a server's answer. */
export function decodeExportTraceResponseProtobuf(body: Uint8Array): ExportTracePartialSuccess {
  let rejectedSpans = 0;
  let errorMessage = '';
  try {
    const r = new ProtoReader(body);
    while (r.pos < r.len) {
      const tag = r.tag();
      if (tag !== PARTIAL_SUCCESS) {
        r.skip(tag, r.len);
        continue;
      }
      const end = r.lenEnd(r.len);
      while (r.pos < end) {
        const inner = r.tag();
        if (inner === REJECTED_SPANS) rejectedSpans = Number(r.int64());
        else if (inner === ERROR_MESSAGE) errorMessage = r.string(end);
        else r.skip(inner, end);
      }
      r.expectEnd(end);
    }
  } catch (e) {
    throw asDecodeError(e, 'SKEIN_ERR_MALFORMED_PROTOBUF');
  }
  return { rejectedSpans, errorMessage };
}

/** Reads an `ExportTraceServiceResponse` in OTLP/JSON (text or already parsed). */
export function parseExportTraceResponseJson(body: string | unknown): ExportTracePartialSuccess {
  let root: unknown = body;
  if (typeof body === 'string') {
    try {
      root = body.trim() === '' ? {} : JSON.parse(body);
    } catch (e) {
      throw new SkeinError('SKEIN_ERR_MALFORMED_JSON', e instanceof Error ? e.message : String(e));
    }
  }
  try {
    if (!isJsonObject(root)) throw new JsonShapeError('', 'expected object');
    const p = objectField(root, 'partialSuccess', 'partial_success');
    if (p === undefined) return { rejectedSpans: 0, errorMessage: '' };
    const rejected = p.rejectedSpans ?? p.rejected_spans ?? 0;
    const rejectedSpans = typeof rejected === 'string' && /^[0-9]+$/.test(rejected) ? Number(rejected) : rejected;
    if (typeof rejectedSpans !== 'number' || !Number.isSafeInteger(rejectedSpans) || rejectedSpans < 0)
      throw new JsonShapeError('partialSuccess.rejectedSpans', 'expected non-negative integer');
    return { rejectedSpans, errorMessage: stringField(p, 'errorMessage', 'error_message') };
  } catch (e) {
    if (e instanceof JsonShapeError) throw e.toSkeinError();
    throw asDecodeError(e, 'SKEIN_ERR_INVALID_PAYLOAD');
  }
}
