import { type ErrorCode, SkeinError } from '@skein/model';

/**
 * Whatever escapes a decoder reaches a client as a SkeinError: coded errors pass through; a
 * stack overflow (which the decoders are built never to hit) becomes SKEIN_ERR_TOO_DEEP; any
 * other exception, a decoder bug tripped by odd input, becomes the decoder's generic code, so
 * a bad payload is a 400 and never a 500 or a crash.
 */
export function asDecodeError(e: unknown, code: ErrorCode): SkeinError {
  if (e instanceof SkeinError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new SkeinError('SKEIN_ERR_TOO_DEEP', 'payload nesting exhausted the decoder stack');
  return new SkeinError(code, e instanceof Error ? e.message : String(e));
}
