import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  clientAddressOf,
  errorTypeOf,
  hostWithoutPort,
  httpSpanName,
  normalizeHttpMethod,
  portOfHost,
  redactQuery,
  sanitizeFullUrl,
} from './http-semantics.js';

describe('normalizeHttpMethod', () => {
  it('keeps the known methods and turns the rest (including other cases) into _OTHER', () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE']) {
      assert.equal(normalizeHttpMethod(method), method);
    }
    assert.equal(normalizeHttpMethod('get'), '_OTHER');
    assert.equal(normalizeHttpMethod('PROPFIND'), '_OTHER');
    assert.equal(normalizeHttpMethod(''), '_OTHER');
  });
});

describe('httpSpanName', () => {
  it('is "{method} {route}", "{method}" without a route, HTTP for _OTHER', () => {
    assert.equal(httpSpanName('GET', '/users/:id'), 'GET /users/:id');
    assert.equal(httpSpanName('POST', undefined), 'POST');
    assert.equal(httpSpanName('POST', ''), 'POST');
    assert.equal(httpSpanName('_OTHER', '/x'), 'HTTP /x');
  });
});

describe('host parsing', () => {
  it('splits host and port, IPv6 included', () => {
    assert.equal(hostWithoutPort('example.com:8080'), 'example.com');
    assert.equal(portOfHost('example.com:8080'), 8080);
    assert.equal(hostWithoutPort('example.com'), 'example.com');
    assert.equal(portOfHost('example.com'), undefined);
    assert.equal(hostWithoutPort('[::1]:3000'), '::1');
    assert.equal(portOfHost('[::1]:3000'), 3000);
    assert.equal(hostWithoutPort('[::1]'), '::1');
    assert.equal(portOfHost('[::1]'), undefined);
    assert.equal(portOfHost('::1'), undefined);
    assert.equal(portOfHost('example.com:notaport'), undefined);
    assert.equal(portOfHost('example.com:70000'), undefined);
  });
  it('reads the port exactly as Number() would, digits or not', () => {
    const byNumber = (text: string): number | undefined => {
      const port = Number(text);
      return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
    };
    const portText = fc.oneof(fc.integer({ min: 0, max: 999999 }).map(String), fc.stringMatching(/^[0-9a-fx .e+-]{0,7}$/));
    fc.assert(
      fc.property(portText, (text) => {
        assert.equal(portOfHost(`example.com:${text}`), byNumber(text));
        assert.equal(portOfHost(`[::1]:${text}`), byNumber(text));
      }),
    );
    assert.equal(portOfHost('example.com:0080'), 80);
    assert.equal(portOfHost('example.com:0'), undefined);
    assert.equal(portOfHost('example.com:'), undefined);
    assert.equal(portOfHost('example.com:65535'), 65535);
    assert.equal(portOfHost('example.com:65536'), undefined);
  });
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (host) => {
        assert.equal(typeof hostWithoutPort(host), 'string');
        const port = portOfHost(host);
        assert.ok(port === undefined || (Number.isInteger(port) && port > 0 && port < 65536));
      }),
    );
  });
});

describe('clientAddressOf', () => {
  it('prefers the first X-Forwarded-For entry, else the peer', () => {
    assert.equal(clientAddressOf('203.0.113.1, 10.0.0.1', '127.0.0.1'), '203.0.113.1');
    assert.equal(clientAddressOf(' 203.0.113.1 ', '127.0.0.1'), '203.0.113.1');
    assert.equal(clientAddressOf(['198.51.100.2'], '127.0.0.1'), '198.51.100.2');
    assert.equal(clientAddressOf(undefined, '127.0.0.1'), '127.0.0.1');
    assert.equal(clientAddressOf(' , 10.0.0.1', '127.0.0.1'), '127.0.0.1');
    assert.equal(clientAddressOf(undefined, undefined), undefined);
  });
});

describe('URL sanitizing', () => {
  it('replaces user info with REDACTED:REDACTED', () => {
    assert.equal(sanitizeFullUrl('https://user:pass@example.com/a?b=1'), 'https://REDACTED:REDACTED@example.com/a?b=1');
    assert.equal(sanitizeFullUrl('http://token@example.com:81/'), 'http://REDACTED:REDACTED@example.com:81/');
    assert.equal(sanitizeFullUrl('http://example.com/path@with-at'), 'http://example.com/path@with-at');
    assert.equal(sanitizeFullUrl('http://example.com/?email=a@b.c'), 'http://example.com/?email=a@b.c');
  });
  it('redacts credential-carrying query parameters and keeps the rest', () => {
    assert.equal(
      sanitizeFullUrl('https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=AK&Signature=abc&x=1#frag'),
      'https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&x=1#frag',
    );
    assert.equal(redactQuery('sig=s3cr3t&design=blue'), 'sig=REDACTED&design=blue');
    assert.equal(redactQuery('X-Goog-Signature=zz'), 'X-Goog-Signature=REDACTED');
    assert.equal(redactQuery('q=plain'), 'q=plain');
  });
});

describe('errorTypeOf', () => {
  it('uses the code, else the name, else _OTHER', () => {
    assert.equal(errorTypeOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
    assert.equal(errorTypeOf(new TypeError('x')), 'TypeError');
    assert.equal(errorTypeOf('boom'), '_OTHER');
    assert.equal(errorTypeOf(null), '_OTHER');
  });
});
