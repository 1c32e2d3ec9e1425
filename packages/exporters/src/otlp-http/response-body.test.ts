import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeExportTraceResponseProtobuf, encodeRpcStatus } from '@skein/wire';
import { errorMessageOf, partialSuccessOf, readBodyLimited } from './response-body.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

test('error messages are read from a google.rpc.Status, JSON error shapes, or text', () => {
  assert.equal(errorMessageOf('application/x-protobuf', encodeRpcStatus(3, 'SKEIN_ERR_INVALID_PAYLOAD: bad span')), 'SKEIN_ERR_INVALID_PAYLOAD: bad span');
  assert.equal(errorMessageOf('application/json', bytes('{"code":3,"message":"invalid"}')), 'invalid');
  assert.equal(errorMessageOf('application/json; charset=utf-8', bytes('{"error":{"code":"SKEIN_ERR_X","message":"nested"}}')), 'nested');
  assert.equal(errorMessageOf('application/json', bytes('{"error":"unknown API key"}')), 'unknown API key');
  assert.equal(errorMessageOf('text/html', bytes('<html>\n  <body>502   Bad Gateway</body>\n</html>')), '<html> <body>502 Bad Gateway</body> </html>');
  assert.equal(errorMessageOf('application/x-protobuf', bytes('not protobuf at all \u0000\u00ff')).startsWith('not protobuf'), true, 'falls back to text');
  assert.equal(errorMessageOf('text/plain', bytes('x'.repeat(2000))).length, 513, 'clipped');
  assert.equal(errorMessageOf(null, new Uint8Array(0)), '(empty body)');
  assert.equal(errorMessageOf(null, undefined), '(body too large or unreadable)');
});

test('partial success: protobuf, JSON, empty means full success, garbage means unknown', () => {
  assert.deepEqual(partialSuccessOf('application/x-protobuf', encodeExportTraceResponseProtobuf({ rejectedSpans: 4, errorMessage: 'why' })), { rejectedSpans: 4, errorMessage: 'why' });
  assert.deepEqual(partialSuccessOf('application/json', bytes('{"partialSuccess":{"rejectedSpans":"2"}}')), { rejectedSpans: 2, errorMessage: '' });
  assert.deepEqual(partialSuccessOf('application/x-protobuf', new Uint8Array(0)), { rejectedSpans: 0, errorMessage: '' });
  assert.equal(partialSuccessOf('application/x-protobuf', new Uint8Array([0xff, 0xff])), undefined);
  assert.equal(partialSuccessOf('application/json', bytes('{')), undefined);
});

test('bodies are read up to a limit, and no further', async () => {
  assert.equal(Buffer.from((await readBodyLimited(new Response('hello'), 5))!).toString(), 'hello');
  assert.equal(await readBodyLimited(new Response('hello!'), 5), undefined);
  assert.equal((await readBodyLimited(new Response(null)))?.byteLength, 0);
});
