import { SkeinError } from '@skein/model';

/** Skein's own JSON error body: `{"error":{"code":"SKEIN_ERR_…","message":"…"}}`. */
export const errorBody = (e: SkeinError): { error: { code: string; message: string } } => ({ error: e.toJSON() });

/** Anything thrown while handling input becomes a coded error; unknown failures are internal. */
export function asSkeinError(e: unknown): SkeinError {
  if (e instanceof SkeinError) return e;
  return new SkeinError('SKEIN_ERR_INTERNAL', e instanceof Error ? e.message : String(e));
}

/**
 * After these errors part of the request body may still be in flight: the connection is closed
 * after the answer rather than reused, so the next request never reads the rest as its own.
 */
export const bodyLeftUnread = (e: SkeinError): boolean =>
  e.code === 'SKEIN_ERR_BODY_TOO_LARGE' || e.code === 'SKEIN_ERR_BAD_COMPRESSION' || e.code === 'SKEIN_ERR_UNSUPPORTED_ENCODING' || e.code === 'SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE';
