/** What an OTLP server may say about a request it accepted only in part. */
export interface PartialSuccess {
  readonly rejectedSpans: number;
  readonly errorMessage: string;
}

/**
 * Reads `partial_success` from an ExportTraceServiceResponse body, protobuf or JSON by content
 * type. Undefined when the response has none, is empty, or cannot be read (a response we
 * cannot parse after a 2xx is still a success).
 */
export function parsePartialSuccess(body: Uint8Array, contentType: string | undefined): PartialSuccess | undefined {
  if (body.length === 0) return undefined;
  try {
    const result = contentType?.includes('json') ? fromJson(body) : fromProtobuf(body);
    if (!result || (result.rejectedSpans === 0 && result.errorMessage === '')) return undefined;
    return result;
  } catch {
    return undefined;
  }
}

function fromJson(body: Uint8Array): PartialSuccess | undefined {
  const parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as {
    partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown };
  };
  const partial = parsed?.partialSuccess;
  if (!partial || typeof partial !== 'object') return undefined;
  const rejected = Number(partial.rejectedSpans ?? 0);
  return {
    rejectedSpans: Number.isFinite(rejected) ? rejected : 0,
    errorMessage: typeof partial.errorMessage === 'string' ? partial.errorMessage : '',
  };
}

/** ExportTraceServiceResponse { 1: partial_success { 1: rejected_spans int64, 2: error_message } }. */
function fromProtobuf(body: Uint8Array): PartialSuccess | undefined {
  let result: PartialSuccess | undefined;
  forEachField(body, (field, wireType, _value, start, end) => {
    if (field !== 1 || wireType !== 2) return;
    let rejectedSpans = 0;
    let errorMessage = '';
    forEachField(body.subarray(start, end), (inner, innerType, innerValue, s, e) => {
      if (inner === 1 && innerType === 0) rejectedSpans = innerValue;
      else if (inner === 2 && innerType === 2) errorMessage = Buffer.from(body.buffer, body.byteOffset + start + s, e - s).toString('utf8');
    });
    result = { rejectedSpans, errorMessage };
  });
  return result;
}

/**
 * Walks the fields of one message: varints report their value, length-delimited fields their
 * byte range. Throws on malformed input (the caller treats that as "no partial success").
 */
function forEachField(
  bytes: Uint8Array,
  visit: (field: number, wireType: number, value: number, start: number, end: number) => void,
): void {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= bytes.length) throw new Error('truncated');
      const b = bytes[pos++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new Error('varint too long');
  };
  while (pos < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    switch (wireType) {
      case 0:
        visit(field, 0, varint(), 0, 0);
        break;
      case 1:
        pos += 8;
        break;
      case 2: {
        const length = varint();
        const start = pos;
        pos += length;
        if (pos > bytes.length) throw new Error('truncated');
        visit(field, 2, 0, start, pos);
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        throw new Error(`wire type ${wireType}`);
    }
  }
  if (pos > bytes.length) throw new Error('truncated');
}
