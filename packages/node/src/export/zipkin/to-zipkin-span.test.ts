import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { toZipkinSpan } from './to-zipkin-span.js';
import { makeFinishedSpan } from '../test-support/make-finished-span.js';

test('maps ids, name, kind, microsecond times, service name and tags', () => {
  const span = makeFinishedSpan({
    name: 'GET /cart',
    kind: SpanKind.SERVER,
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '00f067aa0ba902b7',
    startTimeUnixMs: 1_700_000_000_000.25,
    endTimeUnixMs: 1_700_000_000_012.5,
    attributes: { 'http.response.status_code': 200, ok: true, tags: ['a', 'b'], ratio: 0.5, 'host.name': 'span-wins' },
    droppedAttributesCount: 2,
    status: { code: SpanStatusCode.OK },
    resource: { attributes: { 'service.name': 'shop', 'host.name': 'box' } },
    scope: { name: 'http', version: '1.0', schemaUrl: undefined },
  });
  assert.deepEqual(toZipkinSpan(span, 'fallback'), {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    id: 'b7ad6b7169203331',
    parentId: '00f067aa0ba902b7',
    name: 'GET /cart',
    kind: 'SERVER',
    timestamp: 1_700_000_000_000_250,
    duration: 12_250,
    localEndpoint: { serviceName: 'shop' },
    tags: {
      'host.name': 'span-wins',
      'http.response.status_code': '200',
      ok: 'true',
      tags: '["a","b"]',
      ratio: '0.5',
      'otel.status_code': 'OK',
      'otel.scope.name': 'http',
      'otel.scope.version': '1.0',
      'otel.dropped_attributes_count': '2',
    },
  });
});

test('INTERNAL kind is left out; no parent → no parentId; fallback service name', () => {
  const zipkin = toZipkinSpan(makeFinishedSpan({ kind: SpanKind.INTERNAL, resource: { attributes: {} } }), 'fallback');
  assert.equal('kind' in zipkin, false);
  assert.equal('parentId' in zipkin, false);
  assert.equal('annotations' in zipkin, false);
  assert.deepEqual(zipkin.localEndpoint, { serviceName: 'fallback' });
});

test('ERROR status sets otel.status_code and error; an error attribute never leaks through', () => {
  const failed = toZipkinSpan(makeFinishedSpan({ status: { code: SpanStatusCode.ERROR, message: 'boom' }, attributes: { error: false } }), 'x');
  assert.equal(failed.tags['otel.status_code'], 'ERROR');
  assert.equal(failed.tags.error, 'boom');
  const noMessage = toZipkinSpan(makeFinishedSpan({ status: { code: SpanStatusCode.ERROR } }), 'x');
  assert.equal(noMessage.tags.error, '');
  const unset = toZipkinSpan(makeFinishedSpan({ attributes: { error: 'false' } }), 'x');
  assert.equal('error' in unset.tags, false);
  assert.equal('otel.status_code' in unset.tags, false);
});

test('events become annotations, with attributes as JSON', () => {
  const zipkin = toZipkinSpan(makeFinishedSpan({
    events: [
      { name: 'plain', timeUnixMs: 1_700_000_000_001, attributes: {}, droppedAttributesCount: 0 },
      { name: 'with attrs', timeUnixMs: 1_700_000_000_002.5, attributes: { k: 'v', n: 1 }, droppedAttributesCount: 0 },
    ],
  }), 'x');
  assert.deepEqual(zipkin.annotations, [
    { timestamp: 1_700_000_000_001_000, value: 'plain' },
    { timestamp: 1_700_000_000_002_500, value: '"with attrs":{"k":"v","n":"1"}' },
  ]);
});

test('remote endpoint for CLIENT and PRODUCER spans, by the specification ranking', () => {
  const client = (attributes: Record<string, string | number>) =>
    toZipkinSpan(makeFinishedSpan({ kind: SpanKind.CLIENT, attributes }), 'x').remoteEndpoint;
  assert.deepEqual(client({ 'server.address': 'api.example.com', 'peer.service': 'payments', 'server.port': 443 }), { serviceName: 'payments' });
  assert.deepEqual(client({ 'server.address': 'api.example.com', 'server.port': 443 }), { serviceName: 'api.example.com', port: 443 });
  assert.deepEqual(client({ 'network.peer.address': '10.1.2.3', 'network.peer.port': 8080 }), { ipv4: '10.1.2.3', port: 8080 });
  assert.deepEqual(client({ 'network.peer.address': '::1' }), { ipv6: '::1' });
  assert.deepEqual(client({ 'db.name': 'orders', 'peer.address': 'db-1' }), { serviceName: 'db-1' });
  assert.equal(client({}), undefined);
  const producer = toZipkinSpan(makeFinishedSpan({ kind: SpanKind.PRODUCER, attributes: { 'peer.service': 'queue' } }), 'x');
  assert.deepEqual(producer.remoteEndpoint, { serviceName: 'queue' });
  const server = toZipkinSpan(makeFinishedSpan({ kind: SpanKind.SERVER, attributes: { 'peer.service': 'caller' } }), 'x');
  assert.equal(server.remoteEndpoint, undefined);
});
