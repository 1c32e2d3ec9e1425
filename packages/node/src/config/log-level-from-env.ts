import { DiagLogLevel } from '@opentelemetry/api';
import type { Env } from './env.js';
import { envString } from './env.js';

const LEVELS: Readonly<Record<string, DiagLogLevel>> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

export interface LogLevelSetting {
  /** The level to log at; undefined when OTEL_LOG_LEVEL is unset. */
  readonly level: DiagLogLevel | undefined;
  /** The unrecognised value, to be reported once a logger exists to report it. */
  readonly invalid: string | undefined;
}

/**
 * OTEL_LOG_LEVEL (none, error, warn, info, debug, verbose, all; any case). The problem is
 * returned rather than logged because this is read before any diag logger is installed.
 */
export function logLevelFromEnv(env: Env): LogLevelSetting {
  const value = envString(env, 'OTEL_LOG_LEVEL');
  if (value === undefined) return { level: undefined, invalid: undefined };
  const level = LEVELS[value.toLowerCase()];
  return level === undefined ? { level: undefined, invalid: value } : { level, invalid: undefined };
}
