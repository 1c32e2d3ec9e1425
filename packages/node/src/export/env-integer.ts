import { diag } from '@opentelemetry/api';

export type EnvRecord = Readonly<Record<string, string | undefined>>;

/**
 * Reads a whole number of at least `min` from `env[name]`. Unset or blank → `undefined`, so
 * the caller's default applies; anything else that is not such a number → `undefined` plus a
 * diag warning (the OpenTelemetry rule: a bad setting falls back to the default, it never
 * stops the application).
 */
export function integerFromEnv(env: EnvRecord, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  const value = /^[+]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    diag.warn(`${name}=${JSON.stringify(raw)} is not a whole number >= ${min}; using the default`);
    return undefined;
  }
  return value;
}

/** The first variable of `names` that is set and not blank, trimmed (signal-specific first). */
export function firstSetEnv(env: EnvRecord, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}
