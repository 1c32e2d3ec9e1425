import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, int, makeSpan, SpanKind, str, StatusCode, type Span } from '@skein/model';
import { jaegerSpanKindName, jaegerSpanTags } from './span-tags.js';

const base = (fields: Partial<Span> = {}): Span =>
  makeSpan({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'op', startTimeUnixNano: 1n, endTimeUnixNano: 2n, ...fields });

describe('jaegerSpanTags', () => {
  it('gives a bare span no tags', () => {
    assert.deepEqual(jaegerSpanTags(base()), []);
  });

  it('orders scope, attributes, kind, status, error, description and tracestate like the collector', () => {
    const span = base({
      scope: { name: 'my-lib', version: '1.2.3', attributes: [] },
      attributes: [attr('http.method', str('GET')), attr('http.status_code', int(500))],
      kind: SpanKind.SERVER,
      status: { code: StatusCode.ERROR, message: 'boom' },
      traceState: 'vendor=x',
    });
    assert.deepEqual(jaegerSpanTags(span), [
      { key: 'otel.scope.name', type: 'string', value: 'my-lib' },
      { key: 'otel.scope.version', type: 'string', value: '1.2.3' },
      { key: 'http.method', type: 'string', value: 'GET' },
      { key: 'http.status_code', type: 'int64', value: 500 },
      { key: 'span.kind', type: 'string', value: 'server' },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'error', type: 'bool', value: true },
      { key: 'otel.status_description', type: 'string', value: 'boom' },
      { key: 'w3c.tracestate', type: 'string', value: 'vendor=x' },
    ]);
  });

  it('writes OK status without an error flag and no kind tag for UNSPECIFIED', () => {
    assert.deepEqual(jaegerSpanTags(base({ status: { code: StatusCode.OK, message: '' } })), [
      { key: 'otel.status_code', type: 'string', value: 'OK' },
    ]);
  });

  it('names every kind as OpenTracing does', () => {
    assert.deepEqual(
      [SpanKind.UNSPECIFIED, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER].map(jaegerSpanKindName),
      ['', 'internal', 'server', 'client', 'producer', 'consumer'],
    );
  });
});
