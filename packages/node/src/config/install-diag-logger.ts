import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import type { Env } from './env.js';
import { logLevelFromEnv } from './log-level-from-env.js';

/**
 * Routes `diag` to the console at the level OTEL_LOG_LEVEL asks for (an explicit level wins).
 * Unset, it logs warnings and errors: quieter than the spec's "info" default, so libraries'
 * informational chatter stays out of application logs, while configuration mistakes are seen.
 */
export function installDiagLogger(env: Env, explicitLevel?: DiagLogLevel): void {
  const fromEnv = logLevelFromEnv(env);
  const logLevel = explicitLevel ?? fromEnv.level ?? DiagLogLevel.WARN;
  // suppressOverrideMessage: replacing a logger is expected here, not worth a warning.
  diag.setLogger(new DiagConsoleLogger(), { logLevel, suppressOverrideMessage: true });
  if (fromEnv.invalid !== undefined) {
    diag.warn(`OTEL_LOG_LEVEL=${JSON.stringify(fromEnv.invalid)} is not one of none, error, warn, info, debug, verbose, all; using warn`);
  }
}
