import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Attributes } from '@opentelemetry/api';
import {
  captureFromFlatHeaders,
  captureFromGetHeader,
  captureFromHeaderRecord,
  compileCapturedHeaders,
  isSecretHeaderName,
} from './header-capture.js';

describe('isSecretHeaderName', () => {
  it('covers the fixed list and the token/secret/password/api-key patterns', () => {
    for (const name of ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'client-secret', 'x-password', 'apikey', 'api_key', 'x-api-key-id']) {
      assert.equal(isSecretHeaderName(name), true, name);
    }
    for (const name of ['content-type', 'x-request-id', 'user-agent', 'accept']) assert.equal(isSecretHeaderName(name), false, name);
  });
});

describe('compileCapturedHeaders', () => {
  it('trims, lowercases, drops empties and duplicates, and precomputes keys', () => {
    const compiled = compileCapturedHeaders([' X-Request-Id ', 'x-request-id', '', 'Authorization'], 'request');
    assert.deepEqual(compiled, [
      { name: 'x-request-id', attributeKey: 'http.request.header.x-request-id', redact: false },
      { name: 'authorization', attributeKey: 'http.request.header.authorization', redact: true },
    ]);
    assert.equal(compileCapturedHeaders(['Content-Type'], 'response')[0]?.attributeKey, 'http.response.header.content-type');
  });
});

describe('capture', () => {
  const headers = compileCapturedHeaders(['x-id', 'set-cookie', 'content-length', 'missing'], 'response');

  it('reads a header record (string, array) and redacts secrets per value', () => {
    const into: Attributes = {};
    captureFromHeaderRecord(headers, { 'x-id': 'a', 'set-cookie': ['s=1', 't=2'] }, into);
    assert.deepEqual(into, { 'http.response.header.x-id': ['a'], 'http.response.header.set-cookie': ['REDACTED', 'REDACTED'] });
  });

  it('reads getHeader() values, numbers included', () => {
    const values: Record<string, unknown> = { 'x-id': 'b', 'content-length': 12 };
    const into: Attributes = {};
    captureFromGetHeader(headers, { getHeader: (name: string) => values[name] }, into);
    assert.deepEqual(into, { 'http.response.header.x-id': ['b'], 'http.response.header.content-length': ['12'] });
  });

  it("reads undici's flat lists (Buffers, any case, repeats) and its string form", () => {
    const into: Attributes = {};
    captureFromFlatHeaders(headers, [Buffer.from('X-Id'), Buffer.from('c'), Buffer.from('x-id'), Buffer.from('d'), Buffer.from('Set-Cookie'), Buffer.from('z=1')], into);
    assert.deepEqual(into, { 'http.response.header.x-id': ['c', 'd'], 'http.response.header.set-cookie': ['REDACTED'] });
    const fromString: Attributes = {};
    captureFromFlatHeaders(headers, 'x-id: e\r\nother: f\r\n', fromString);
    assert.deepEqual(fromString, { 'http.response.header.x-id': ['e'] });
  });

  it('ignores carriers of the wrong shape', () => {
    const into: Attributes = {};
    captureFromFlatHeaders(headers, 42, into);
    captureFromFlatHeaders(headers, undefined, into);
    assert.deepEqual(into, {});
  });
});
