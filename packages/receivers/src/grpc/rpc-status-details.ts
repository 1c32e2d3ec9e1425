import { SkeinError } from '@skein/model';
import { ProtoReader } from '@skein/wire/otlp/proto-reader';
import { ProtoWriter } from '@skein/wire/otlp/proto-writer';

/**
 * The rich gRPC error model: a `google.rpc.Status` {int32 code = 1; string message = 2;
 * repeated google.protobuf.Any details = 3;} sent in the `grpc-status-details-bin` trailer.
 * OTLP/gRPC uses it to carry `google.rpc.RetryInfo` on a throttle; we also attach
 * `google.rpc.ErrorInfo` so a client can read Skein's stable error code without parsing text.
 * Messages as defined in googleapis google/rpc/status.proto and error_details.proto.
 */
export type RpcStatusDetail =
  | { readonly type: 'retryInfo'; readonly retryDelayMs: number }
  | { readonly type: 'errorInfo'; readonly reason: string; readonly domain: string };

export interface RpcStatusWithDetails {
  readonly code: number;
  readonly message: string;
  readonly details: readonly RpcStatusDetail[];
}

export const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';
export const ERROR_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.ErrorInfo';

// Tags: (field number << 3) | wire type (0 varint, 2 length-delimited).
const STATUS_CODE = 0x08;
const STATUS_MESSAGE = 0x12;
const STATUS_DETAILS = 0x1a;
const ANY_TYPE_URL = 0x0a;
const ANY_VALUE = 0x12;
const RETRY_INFO_DELAY = 0x0a; // RetryInfo.retry_delay: google.protobuf.Duration
const DURATION_SECONDS = 0x08;
const DURATION_NANOS = 0x10;
const ERROR_INFO_REASON = 0x0a;
const ERROR_INFO_DOMAIN = 0x12;

export function encodeRpcStatusWithDetails(status: RpcStatusWithDetails): Uint8Array {
  const w = new ProtoWriter(128 + status.message.length * 3);
  if (status.code !== 0) {
    w.uint32(STATUS_CODE);
    w.int64(BigInt(status.code));
  }
  if (status.message) {
    w.uint32(STATUS_MESSAGE);
    w.string(status.message);
  }
  for (const detail of status.details) {
    w.uint32(STATUS_DETAILS);
    const any = w.fork();
    w.uint32(ANY_TYPE_URL);
    w.string(detail.type === 'retryInfo' ? RETRY_INFO_TYPE_URL : ERROR_INFO_TYPE_URL);
    w.uint32(ANY_VALUE);
    const value = w.fork();
    if (detail.type === 'retryInfo') writeRetryInfo(w, detail.retryDelayMs);
    else writeErrorInfo(w, detail.reason, detail.domain);
    w.ldelim(value);
    w.ldelim(any);
  }
  return w.finish();
}

function writeRetryInfo(w: ProtoWriter, delayMs: number): void {
  const ms = Math.max(0, Math.round(delayMs));
  const seconds = Math.floor(ms / 1000);
  const nanos = (ms % 1000) * 1_000_000;
  w.uint32(RETRY_INFO_DELAY);
  const duration = w.fork();
  if (seconds !== 0) {
    w.uint32(DURATION_SECONDS);
    w.int64(BigInt(seconds));
  }
  if (nanos !== 0) {
    w.uint32(DURATION_NANOS);
    w.uint32(nanos);
  }
  w.ldelim(duration);
}

function writeErrorInfo(w: ProtoWriter, reason: string, domain: string): void {
  w.uint32(ERROR_INFO_REASON);
  w.string(reason);
  w.uint32(ERROR_INFO_DOMAIN);
  w.string(domain);
}

/**
 * Reads a `grpc-status-details-bin` value, as a client (Skein's exporters, tests) does. Details of
 * other types are skipped. Malformed bytes throw SKEIN_ERR_MALFORMED_PROTOBUF.
 */
export function decodeRpcStatusWithDetails(bytes: Uint8Array): RpcStatusWithDetails {
  let code = 0;
  let message = '';
  const details: RpcStatusDetail[] = [];
  try {
    const r = new ProtoReader(bytes);
    while (r.pos < r.len) {
      const tag = r.tag();
      if (tag === STATUS_CODE) code = Number(BigInt.asIntN(32, r.int64()));
      else if (tag === STATUS_MESSAGE) message = r.string(r.len);
      else if (tag === STATUS_DETAILS) {
        const detail = readAny(r, r.lenEnd(r.len));
        if (detail) details.push(detail);
      } else r.skip(tag, r.len);
    }
  } catch (e) {
    if (e instanceof SkeinError) throw e;
    throw new SkeinError('SKEIN_ERR_MALFORMED_PROTOBUF', e instanceof Error ? e.message : String(e));
  }
  return { code, message, details };
}

function readAny(r: ProtoReader, end: number): RpcStatusDetail | undefined {
  let typeUrl = '';
  let valueStart = -1;
  let valueEnd = -1;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === ANY_TYPE_URL) typeUrl = r.string(end);
    else if (tag === ANY_VALUE) {
      valueEnd = r.lenEnd(end);
      valueStart = r.pos;
      r.pos = valueEnd;
    } else r.skip(tag, end);
  }
  r.expectEnd(end);
  if (valueStart < 0) return undefined;
  const after = r.pos;
  r.pos = valueStart;
  let detail: RpcStatusDetail | undefined;
  if (typeUrl === RETRY_INFO_TYPE_URL) detail = readRetryInfo(r, valueEnd);
  else if (typeUrl === ERROR_INFO_TYPE_URL) detail = readErrorInfo(r, valueEnd);
  r.pos = after;
  return detail;
}

function readRetryInfo(r: ProtoReader, end: number): RpcStatusDetail {
  let retryDelayMs = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag !== RETRY_INFO_DELAY) {
      r.skip(tag, end);
      continue;
    }
    const durationEnd = r.lenEnd(end);
    let seconds = 0n;
    let nanos = 0;
    while (r.pos < durationEnd) {
      const inner = r.tag();
      if (inner === DURATION_SECONDS) seconds = r.int64();
      else if (inner === DURATION_NANOS) nanos = r.uint32() | 0;
      else r.skip(inner, durationEnd);
    }
    r.expectEnd(durationEnd);
    retryDelayMs = Number(seconds) * 1000 + Math.round(nanos / 1_000_000);
  }
  r.expectEnd(end);
  return { type: 'retryInfo', retryDelayMs };
}

function readErrorInfo(r: ProtoReader, end: number): RpcStatusDetail {
  let reason = '';
  let domain = '';
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === ERROR_INFO_REASON) reason = r.string(end);
    else if (tag === ERROR_INFO_DOMAIN) domain = r.string(end);
    else r.skip(tag, end); // metadata map (field 3) is not used by Skein
  }
  r.expectEnd(end);
  return { type: 'errorInfo', reason, domain };
}
