import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';

export interface CapturedDiag {
  level: 'error' | 'warn' | 'info' | 'debug' | 'verbose';
  message: string;
}

/**
 * Test helper: routes @opentelemetry/api's diag into an array for the duration of `fn`,
 * so tests can check that bad input is diagnosed rather than thrown.
 */
export async function captureDiag(fn: () => unknown): Promise<CapturedDiag[]> {
  const messages: CapturedDiag[] = [];
  const record = (level: CapturedDiag['level']) => (message: string) => {
    // The API announces its own logger registration; only our diagnostics matter here.
    if (!message.startsWith('@opentelemetry/api:')) messages.push({ level, message });
  };
  const logger: DiagLogger = {
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    verbose: record('verbose'),
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true });
  try {
    await fn();
  } finally {
    diag.disable();
  }
  return messages;
}
