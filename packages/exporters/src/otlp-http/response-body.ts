import { decodeExportTraceResponseProtobuf, parseExportTraceResponseJson, type ExportTracePartialSuccess } from '@skein/wire';
import { ProtoReader } from '@skein/wire/otlp/proto-reader';

/** Enough for any ExportTraceServiceResponse or error Status; a longer body is not read on. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Reads at most `max` bytes of a response body, then lets the rest go (so the connection is not
 * held for a huge body, and a body is always consumed, which undici needs to reuse the socket).
 * Undefined when the body was longer than `max` or failed midway.
 */
export async function readBodyLimited(res: Response, max = MAX_RESPONSE_BYTES): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks, total);
}

const isJson = (contentType: string | null): boolean => /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? '');
const isProtobuf = (contentType: string | null): boolean => /^application\/(?:x-)?protobuf\b/i.test(contentType ?? '');

/**
 * The `partial_success` of a 200 answer, in the encoding the server chose (OTLP servers answer
 * in the request's encoding, protobuf here; some answer JSON). Undefined when it cannot be read:
 * the spans were delivered all the same.
 */
export function partialSuccessOf(contentType: string | null, body: Uint8Array | undefined): ExportTracePartialSuccess | undefined {
  if (!body || body.byteLength === 0) return { rejectedSpans: 0, errorMessage: '' };
  try {
    if (isJson(contentType)) return parseExportTraceResponseJson(Buffer.from(body).toString('utf8'));
    return decodeExportTraceResponseProtobuf(body);
  } catch {
    return undefined;
  }
}

const GRPC_STATUS_MESSAGE_TAG = 0x12; // google.rpc.Status field 2 (message), length-delimited
const MAX_MESSAGE_CHARS = 512;

/**
 * A readable message out of an error body, for the log: OTLP/HTTP error bodies are a
 * google.rpc.Status (protobuf or JSON); gateways and proxies answer text or HTML.
 */
export function errorMessageOf(contentType: string | null, body: Uint8Array | undefined): string {
  if (!body) return '(body too large or unreadable)';
  if (body.byteLength === 0) return '(empty body)';
  const text = Buffer.from(body).toString('utf8');
  if (isProtobuf(contentType)) {
    const message = statusMessageFromProtobuf(body);
    if (message !== undefined) return clip(message);
  }
  if (isJson(contentType)) {
    try {
      const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
      if (typeof parsed.message === 'string') return clip(parsed.message);
      if (typeof parsed.error === 'string') return clip(parsed.error);
      if (parsed.error && typeof (parsed.error as { message?: unknown }).message === 'string') return clip((parsed.error as { message: string }).message);
    } catch {
      // not JSON after all: shown as text below
    }
  }
  return clip(text.replace(/\s+/g, ' ').trim());
}

function statusMessageFromProtobuf(body: Uint8Array): string | undefined {
  try {
    const r = new ProtoReader(body);
    let message: string | undefined;
    while (r.pos < r.len) {
      const tag = r.tag();
      if (tag === GRPC_STATUS_MESSAGE_TAG) message = r.string(r.len);
      else r.skip(tag, r.len);
    }
    return message;
  } catch {
    return undefined;
  }
}

const clip = (s: string): string => (s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}…` : s);
