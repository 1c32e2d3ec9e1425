import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { SkeinError } from '@skein/model';

/**
 * Reads a request body, decompressing as it streams, and stops the moment the DECOMPRESSED
 * size passes `maxBytes` (the way hono's body-limit counts streamed bytes). So a gzip bomb
 * costs at most `maxBytes` of memory and is refused with 413, never inflated whole.
 */
export async function readBody(raw: Readable, contentEncoding: string | undefined, contentLength: string | undefined, maxBytes: number): Promise<Buffer> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  const decoder = decoderFor(encoding);
  const declared = contentLength === undefined ? NaN : Number(contentLength);
  if (!decoder && declared > maxBytes) {
    raw.resume(); // drain so the connection stays usable for the error response
    throw tooLarge(maxBytes);
  }
  const source: Readable = decoder ? (pipeline(raw, decoder, () => {}) as unknown as Readable) : raw;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > maxBytes) {
        decoder?.destroy();
        raw.resume();
        throw tooLarge(maxBytes);
      }
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof SkeinError) throw e;
    if (decoder && isZlibError(e)) throw new SkeinError('SKEIN_ERR_BAD_COMPRESSION', `${encoding}: ${(e as Error).message}`);
    throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `request body could not be read: ${(e as Error).message}`);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'identity':
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new SkeinError('SKEIN_ERR_UNSUPPORTED_ENCODING', `"${encoding.slice(0, 40)}"; use gzip, deflate, br or none`);
  }
}

const tooLarge = (maxBytes: number) => new SkeinError('SKEIN_ERR_BODY_TOO_LARGE', `the limit is ${maxBytes} bytes after decompression`);
/** zlib reports corrupt input with Z_* codes (and an errno); anything else is a read failure. */
function isZlibError(e: unknown): boolean {
  const { code, errno } = (e ?? {}) as { code?: unknown; errno?: unknown };
  return (typeof code === 'string' && /^Z_|ERR_ZLIB|ERR_BROTLI/.test(code)) || typeof errno === 'number';
}
