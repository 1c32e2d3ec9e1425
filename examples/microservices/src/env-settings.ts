/**
 * Settings the demo services read from their environment. A bad value stops the service at
 * start with a message naming the variable, instead of a service that half works.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** A TCP port (0 = any free port, which the service then prints). */
export function portSetting(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number (0-65535, 0 = any free port): got "${raw}"`);
  return port;
}

/** A number within [min, max]. */
export function numberSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max}: got "${raw}"`);
  return value;
}

/** An http(s) base URL, without a trailing slash so paths can be appended. */
export function urlSetting(env: Env, name: string, fallback: string): string;
export function urlSetting(env: Env, name: string, fallback?: undefined): string | undefined;
export function urlSetting(env: Env, name: string, fallback?: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http:// URL: got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http:// URL: got "${raw}"`);
  return raw.replace(/\/+$/, '');
}
