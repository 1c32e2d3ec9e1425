import { SkeinError } from '@skein/model';

/** A 400 for a query parameter, worded as Jaeger words it: `unable to parse param 'x': why`. */
export const paramError = (name: string, why: string): SkeinError => new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', `unable to parse param '${name}': ${why}`);

/** A 400 for a request whose parameters parse but do not make sense together. */
export const queryError = (detail: string): SkeinError => new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', detail);

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Go's strconv.ParseInt(s, 10, 64), with its error text. */
export function parseGoInt64(name: string, text: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw paramError(name, `strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = BigInt(text);
  if (n < INT64_MIN || n > INT64_MAX) throw paramError(name, `strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  return n;
}

/** Go's strconv.ParseBool; Jaeger ignores a bad `raw` flag, so callers decide what a bad one means. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}
