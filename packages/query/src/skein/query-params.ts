import { SkeinError, parseDuration } from '@skein/model';

export type RawParams = Record<string, string | string[] | undefined>;

/** A 400 naming the parameter and what is wrong with it. */
export function badParam(name: string, why: string): never {
  throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', `${name}: ${why}`);
}

/** A parameter given once (the last one wins when repeated); '' counts as absent. */
export function singleParam(params: RawParams, name: string): string | undefined {
  const v = params[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s === undefined || s === '' ? undefined : s;
}

/** A repeatable parameter's values, in order; '' values are dropped. */
export function manyParams(params: RawParams, name: string): string[] {
  const v = params[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((s) => s !== '');
}

/** A duration like "1.5s" or "200ms", in nanoseconds. */
export function durationParam(params: RawParams, name: string): bigint | undefined {
  const t = singleParam(params, name);
  if (t === undefined) return undefined;
  return parseDuration(t) ?? badParam(name, `"${t}" is not a duration like 1.5s or 200ms`);
}

/** A point in time: ISO 8601 or Unix nanoseconds (all digits). */
export function timeParam(params: RawParams, name: string): bigint | undefined {
  const t = singleParam(params, name);
  if (t === undefined) return undefined;
  if (/^\d+$/.test(t)) return BigInt(t);
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? badParam(name, `"${t}" is neither ISO 8601 nor Unix nanoseconds`) : BigInt(ms) * 1_000_000n;
}
