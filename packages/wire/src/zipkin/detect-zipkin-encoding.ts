/** The three ways Zipkin spans travel over HTTP; JSON is v1 or v2 by its fields, not its bytes. */
export type ZipkinEncoding = 'json' | 'thrift' | 'proto3';

/**
 * Which encoding a body without a telling content type is in, from its first bytes, after
 * Zipkin's SpanBytesDecoderDetector:
 * - `[` or `{`: JSON;
 * - 0x0a (field 1, length-delimited) followed by a non-zero length: proto3 `ListOfSpans`;
 * - any other byte up to 16 is a Thrift TType: TBinaryProtocol (0x0c opens a `list<Span>`);
 * - anything else: undefined (the caller answers that the format could not be told).
 *
 * Unlike Zipkin, JSON may start with whitespace or a UTF-8 BOM. 0x0a is also a newline, so a
 * body starting with whitespace counts as JSON only when its first and last other characters
 * are a matching `[`…`]` or `{`…`}`.
 */
export function detectZipkinEncoding(bytes: Uint8Array): ZipkinEncoding | undefined {
  if (bytes.length === 0) return undefined;
  const first = bytes[0]!;
  if (first === 0x5b /* [ */ || first === 0x7b /* { */) return 'json';
  if ((isJsonSpace(first) || first === 0xef /* BOM */) && looksLikeJson(bytes)) return 'json';
  if (first === 0x0a && bytes.length > 1 && bytes[1] !== 0) return 'proto3';
  if (first <= 16) return 'thrift';
  return undefined;
}

const isJsonSpace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

function looksLikeJson(bytes: Uint8Array): boolean {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && isJsonSpace(bytes[start]!)) start++;
  let end = bytes.length - 1;
  while (end > start && isJsonSpace(bytes[end]!)) end--;
  const open = bytes[start];
  const close = bytes[end];
  return (open === 0x5b && close === 0x5d) || (open === 0x7b && close === 0x7d);
}
