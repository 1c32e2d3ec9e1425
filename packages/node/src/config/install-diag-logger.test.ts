import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { installDiagLogger } from './install-diag-logger.js';

/**
 * Captures what DiagConsoleLogger writes. It calls the console methods saved when the API
 * loaded, so the capture sits below them, on the streams: warn/error go to stderr, info/debug to stdout.
 */
function captureConsole() {
  const lines: string[] = [];
  const saved = { out: process.stdout.write, err: process.stderr.write };
  const capture = (stream: string) => ((chunk: string | Uint8Array) => (lines.push(`${stream}: ${String(chunk).trimEnd()}`), true)) as typeof process.stdout.write;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  return {
    lines,
    restore: () => {
      process.stdout.write = saved.out;
      process.stderr.write = saved.err;
    },
  };
}

afterEach(() => diag.disable());

test('unset OTEL_LOG_LEVEL logs warnings, not info', () => {
  const out = captureConsole();
  try {
    installDiagLogger({});
    diag.info('chatter');
    diag.warn('careful');
  } finally {
    out.restore();
  }
  assert.deepEqual(out.lines, ['stderr: careful']);
});

test('OTEL_LOG_LEVEL=debug logs debug; an explicit level wins over it', () => {
  const out = captureConsole();
  try {
    installDiagLogger({ OTEL_LOG_LEVEL: 'debug' });
    diag.debug('details');
    installDiagLogger({ OTEL_LOG_LEVEL: 'debug' }, DiagLogLevel.ERROR);
    diag.debug('hidden');
    diag.error('broken');
  } finally {
    out.restore();
  }
  // The API itself says at debug level that it registered the logger; that line is not ours.
  assert.deepEqual(out.lines.filter((l) => !l.includes('@opentelemetry/api')), ['stdout: details', 'stderr: broken']);
});

test('an unknown OTEL_LOG_LEVEL is reported once the logger exists', () => {
  const out = captureConsole();
  try {
    installDiagLogger({ OTEL_LOG_LEVEL: 'chatty' });
  } finally {
    out.restore();
  }
  assert.equal(out.lines.length, 1);
  assert.match(out.lines[0]!, /^stderr: OTEL_LOG_LEVEL="chatty"/);
});
