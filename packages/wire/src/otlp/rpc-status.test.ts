import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeRpcStatus } from './rpc-status.js';

test('google.rpc.Status: code as field 1 varint, message as field 2 string', () => {
  const bytes = encodeRpcStatus(3, 'SKEIN_ERR_MALFORMED_PROTOBUF: bad ✓');
  assert.equal(bytes[0], 0x08);
  assert.equal(bytes[1], 3);
  assert.equal(bytes[2], 0x12);
  assert.equal(Buffer.from(bytes.subarray(4)).toString('utf8'), 'SKEIN_ERR_MALFORMED_PROTOBUF: bad ✓');
  assert.equal(bytes[3], Buffer.byteLength('SKEIN_ERR_MALFORMED_PROTOBUF: bad ✓'));
  assert.deepEqual([...encodeRpcStatus(0, '')], []);
});
