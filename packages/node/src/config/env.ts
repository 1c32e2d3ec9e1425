import { diag } from '@opentelemetry/api';

/** The shape of `process.env`; every reader takes one so tests and options can pass their own. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The raw value of one variable, trimmed, or undefined when unset. The OpenTelemetry
 * configuration spec treats an empty value exactly like an unset one.
 */
export function envString(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  return value === '' ? undefined : value;
}

/**
 * A boolean as the spec defines it: only "true" (any case) is true; "false" and unset are
 * false; anything else is false with a warning, so a typo never turns a feature on.
 */
export function envBoolean(env: Env, name: string): boolean {
  const value = envString(env, name);
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower !== 'false') diag.warn(`${name}=${JSON.stringify(value)} is not "true" or "false"; treating it as false`);
  return false;
}

/**
 * A non-negative integer (limits, counts, timeouts). A bad value warns and gives the default:
 * configuration mistakes must never stop the application.
 */
export function envNonNegativeInteger(env: Env, name: string, defaultValue: number): number {
  const value = envString(env, name);
  if (value === undefined) return defaultValue;
  // Number('') and Number('0x10') would be accepted; the spec asks for plain decimal integers.
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  diag.warn(`${name}=${JSON.stringify(value)} is not a non-negative integer; using ${defaultValue}`);
  return defaultValue;
}

/**
 * A comma-separated list, entries trimmed and lower-cased (the spec's enum values are
 * case-insensitive), empties and repeats dropped, order kept. Unset gives the default.
 */
export function envList(env: Env, name: string, defaultValue: readonly string[]): readonly string[] {
  const value = envString(env, name);
  if (value === undefined) return defaultValue;
  const out: string[] = [];
  for (const part of value.split(',')) {
    const entry = part.trim().toLowerCase();
    if (entry !== '' && !out.includes(entry)) out.push(entry);
  }
  return out.length === 0 ? defaultValue : out;
}
