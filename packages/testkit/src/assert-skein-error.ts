import assert from 'node:assert/strict';
import { SkeinError, type ErrorCode } from '@skein/model';

/**
 * Asserts that `fn` throws a SkeinError with this code, and (when given) a message containing
 * the text or matching the pattern: decoders must fail with coded errors only.
 */
export function assertSkeinError(fn: () => unknown, code: ErrorCode, message?: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof SkeinError, `expected a SkeinError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (typeof message === 'string') assert.ok(e.message.includes(message), `"${e.message}" should include "${message}"`);
    else if (message) assert.match(e.message, message);
    return true;
  });
}
