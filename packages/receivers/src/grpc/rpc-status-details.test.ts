import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError } from '@skein/model';
import { decodeRpcStatusWithDetails, encodeRpcStatusWithDetails, type RpcStatusDetail } from './rpc-status-details.js';

test('google.rpc.Status with a RetryInfo detail has the bytes protoc would write', () => {
  const bytes = encodeRpcStatusWithDetails({ code: 14, message: 'busy', details: [{ type: 'retryInfo', retryDelayMs: 1500 }] });
  const typeUrl = Buffer.from('type.googleapis.com/google.rpc.RetryInfo');
  // RetryInfo{retry_delay: Duration{seconds: 1, nanos: 500_000_000}}
  const duration = [0x08, 0x01, 0x10, 0x80, 0xca, 0xb5, 0xee, 0x01];
  const retryInfo = [0x0a, duration.length, ...duration];
  const any = [0x0a, typeUrl.length, ...typeUrl, 0x12, retryInfo.length, ...retryInfo];
  const expected = [0x08, 14, 0x12, 4, ...Buffer.from('busy'), 0x1a, any.length, ...any];
  assert.deepEqual([...bytes], expected);
});

test('status, message and details survive encode then decode', () => {
  const detail: fc.Arbitrary<RpcStatusDetail> = fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }).map((retryDelayMs) => ({ type: 'retryInfo' as const, retryDelayMs })),
    fc.tuple(fc.string(), fc.string()).map(([reason, domain]) => ({ type: 'errorInfo' as const, reason, domain })),
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 16 }), fc.string({ unit: 'grapheme' }), fc.array(detail, { maxLength: 4 }), (code, message, details) => {
      assert.deepEqual(decodeRpcStatusWithDetails(encodeRpcStatusWithDetails({ code, message, details })), { code, message, details });
    }),
    { numRuns: 300 },
  );
});

test('details of other types (BadRequest, DebugInfo...) are skipped', () => {
  const other = Buffer.from('type.googleapis.com/google.rpc.DebugInfo');
  const any = [0x0a, other.length, ...other, 0x12, 2, 0x0a, 0x00];
  const bytes = Uint8Array.from([0x08, 3, 0x1a, any.length, ...any]);
  assert.deepEqual(decodeRpcStatusWithDetails(bytes), { code: 3, message: '', details: [] });
});

test('decoding arbitrary bytes either succeeds or throws SKEIN_ERR_MALFORMED_PROTOBUF', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        decodeRpcStatusWithDetails(bytes);
      } catch (e) {
        assert.ok(e instanceof SkeinError, String(e));
        assert.equal(e.code, 'SKEIN_ERR_MALFORMED_PROTOBUF');
      }
    }),
    { numRuns: 500 },
  );
  assert.throws(() => decodeRpcStatusWithDetails(Uint8Array.from([0x12, 10, 0x41])), { code: 'SKEIN_ERR_MALFORMED_PROTOBUF' });
});
