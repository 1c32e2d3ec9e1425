import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError } from '@skein/model';
import { hexToXrayTraceId, xrayTraceIdToHex } from './xray-trace-id.js';

test('X-Ray trace ids become the 32 hex digits they carry, lowercased', () => {
  assert.equal(xrayTraceIdToHex('1-6b011b29-1d5ba6549ae949c3d93a7d6a'), '6b011b291d5ba6549ae949c3d93a7d6a');
  assert.equal(xrayTraceIdToHex('1-5F84C7A1-E7D1852DB8C4FD35D88BF49A'), '5f84c7a1e7d1852db8c4fd35d88bf49a');
});

test('anything but a version-1 X-Ray id is not one', () => {
  for (const bad of ['', '6b011b291d5ba6549ae949c3d93a7d6a', '2-6b011b29-1d5ba6549ae949c3d93a7d6a', '1-6b011b2-91d5ba6549ae949c3d93a7d6a', '1-6b011b29-1d5ba6549ae949c3d93a7d6', '1-6b011b29-1d5ba6549ae949c3d93a7d6ag', ' 1-6b011b29-1d5ba6549ae949c3d93a7d6a', '1-6b011b29-1d5ba6549ae949c3d93a7d6a\n'])
    assert.equal(xrayTraceIdToHex(bad), undefined, JSON.stringify(bad));
});

test('hex → X-Ray → hex is the identity, and 64-bit ids are left-padded first', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }).filter((b) => b.some((x) => x !== 0)), (bytes) => {
      const hex = Buffer.from(bytes).toString('hex');
      const xray = hexToXrayTraceId(hex);
      assert.match(xray, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      assert.equal(xrayTraceIdToHex(xray), hex);
    }),
    { numRuns: 300 },
  );
  assert.equal(hexToXrayTraceId('00F067AA0BA902B7'), '1-00000000-0000000000f067aa0ba902b7');
  assert.throws(() => hexToXrayTraceId('not-hex'), SkeinError);
  assert.throws(() => hexToXrayTraceId('0'.repeat(32)), SkeinError);
});
