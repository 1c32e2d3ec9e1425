/**
 * Fast byte → string conversions for the decoders' hot path.
 *
 * Node's Buffer has `utf8Slice`/`hexSlice` (what `toString` calls after normalizing its
 * arguments); calling them directly saves ~20% per short string, and a span carries dozens
 * of short strings. They are not in @types/node, so they are typed here and checked once at
 * load, with `toString` as the fallback should a Node release drop them.
 */
interface BufferSlices {
  utf8Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
}

const proto = Buffer.prototype as unknown as Partial<BufferSlices>;
const hasSlices = typeof proto.utf8Slice === 'function' && typeof proto.hexSlice === 'function';

/** A Buffer view of the same memory (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const utf8Slice: (buf: Buffer, start: number, end: number) => string = hasSlices
  ? (buf, start, end) => (buf as unknown as BufferSlices).utf8Slice(start, end)
  : (buf, start, end) => buf.toString('utf8', start, end);

export const hexSlice: (buf: Buffer, start: number, end: number) => string = hasSlices
  ? (buf, start, end) => (buf as unknown as BufferSlices).hexSlice(start, end)
  : (buf, start, end) => buf.toString('hex', start, end);
