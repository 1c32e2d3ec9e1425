import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';

/**
 * Runs `fn` with a diag logger that records warnings and errors, and returns them. Works for
 * async functions too (await the result). The global diag logger is restored afterwards.
 */
export function captureDiag(fn: () => Promise<unknown>): Promise<string[]>;
export function captureDiag(fn: () => void): string[];
export function captureDiag(fn: () => unknown): string[] | Promise<string[]> {
  const messages: string[] = [];
  const record = (...args: unknown[]): void => {
    messages.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  };
  const logger: DiagLogger = { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    diag.disable();
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      () => { diag.disable(); return messages; },
      (error: unknown) => { diag.disable(); throw error; },
    );
  }
  diag.disable();
  return messages;
}
