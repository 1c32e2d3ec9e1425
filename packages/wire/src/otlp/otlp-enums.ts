import { type SpanKind, StatusCode } from '@skein/model';
import { SPAN_KIND_ENUM_NAMES, STATUS_CODE_ENUM_NAMES } from './otlp-schema.js';

/**
 * OTLP enums are open (a sender may use a number this schema does not know); the model's are
 * closed, so unknown numbers become the "unspecified"/"unset" value rather than a bad span.
 */
export const spanKindOf = (n: number): SpanKind => (n >= 0 && n <= 5 ? (n as SpanKind) : 0);

export const statusCodeOf = (n: number): StatusCode => (n === StatusCode.OK || n === StatusCode.ERROR ? n : StatusCode.UNSET);

/** `"SPAN_KIND_SERVER"` → 2; undefined for names the schema does not define. */
export function spanKindFromEnumName(name: string): SpanKind | undefined {
  const i = (SPAN_KIND_ENUM_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : (i as SpanKind);
}

/** `"STATUS_CODE_ERROR"` → 2; undefined for names the schema does not define. */
export function statusCodeFromEnumName(name: string): StatusCode | undefined {
  const i = (STATUS_CODE_ENUM_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : (i as StatusCode);
}
