import { diag, DiagLogLevel } from '@opentelemetry/api';

/**
 * Test support: routes `diag` into arrays so tests can check what was reported. Each test
 * file runs in its own process, so replacing the global logger here touches nothing else.
 */
export function captureDiag(): { warnings: string[]; errors: string[]; clear(): void } {
  const warnings: string[] = [];
  const errors: string[] = [];
  const text = (message: string, args: unknown[]) => [message, ...args.map(String)].join(' ');
  diag.setLogger(
    {
      error: (m, ...a) => void errors.push(text(m, a)),
      warn: (m, ...a) => void warnings.push(text(m, a)),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true },
  );
  return {
    warnings,
    errors,
    clear() {
      warnings.length = 0;
      errors.length = 0;
    },
  };
}
