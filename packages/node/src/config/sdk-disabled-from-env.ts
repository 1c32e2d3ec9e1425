import type { Env } from './env.js';
import { envBoolean } from './env.js';

/** OTEL_SDK_DISABLED=true: the SDK registers nothing and every API call stays a no-op. */
export function sdkDisabledFromEnv(env: Env): boolean {
  return envBoolean(env, 'OTEL_SDK_DISABLED');
}
