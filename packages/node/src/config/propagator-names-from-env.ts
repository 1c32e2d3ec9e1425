import type { Env } from './env.js';
import { envList } from './env.js';

/** The spec's default for OTEL_PROPAGATORS. */
export const DEFAULT_PROPAGATORS: readonly string[] = Object.freeze(['tracecontext', 'baggage']);

/**
 * OTEL_PROPAGATORS as a list of lower-case names, duplicates dropped. Names are resolved (and
 * unknown ones reported) by propagation/propagator-from-names.ts.
 */
export function propagatorNamesFromEnv(env: Env): readonly string[] {
  return envList(env, 'OTEL_PROPAGATORS', DEFAULT_PROPAGATORS);
}
