import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, bool, int, makeSpan, SpanKind, str, StatusCode, type Resource, type Span } from '@skein/model';
import { toJaegerTrace } from './trace-to-jaeger.js';

const resource = (attributes: Resource['attributes']): Resource => ({ attributes, droppedAttributesCount: 0 });

describe('toJaegerTrace', () => {
  it("matches Jaeger's own OTLP → UI fixture (cmd/query/app/fixture/otlp2jaeger-out.json, scope tag renamed)", () => {
    // The fixture's input: one telemetrygen server span. Jaeger's output has otel.library.name;
    // current translators write otel.scope.name instead.
    const span = makeSpan({
      traceId: '83a9efd15c1c98a977e0711cc93ee28b',
      spanId: 'e127af99e3b3e074',
      parentSpanId: '909541b92cf05311',
      name: 'okey-dokey-0',
      kind: SpanKind.SERVER,
      startTimeUnixNano: 1706678909209712000n,
      endTimeUnixNano: 1706678909209835000n,
      attributes: [attr('net.peer.ip', str('1.2.3.4')), attr('peer.service', str('telemetrygen-client'))],
      resource: resource([attr('service.name', str('telemetrygen'))]),
      scope: { name: 'telemetrygen', version: '', attributes: [] },
    });
    assert.deepEqual(toJaegerTrace([span]), {
      traceID: '83a9efd15c1c98a977e0711cc93ee28b',
      spans: [
        {
          traceID: '83a9efd15c1c98a977e0711cc93ee28b',
          spanID: 'e127af99e3b3e074',
          operationName: 'okey-dokey-0',
          references: [{ refType: 'CHILD_OF', traceID: '83a9efd15c1c98a977e0711cc93ee28b', spanID: '909541b92cf05311' }],
          startTime: 1706678909209712,
          duration: 123,
          tags: [
            { key: 'otel.scope.name', type: 'string', value: 'telemetrygen' },
            { key: 'net.peer.ip', type: 'string', value: '1.2.3.4' },
            { key: 'peer.service', type: 'string', value: 'telemetrygen-client' },
            { key: 'span.kind', type: 'string', value: 'server' },
          ],
          logs: [],
          processID: 'p1',
          warnings: null,
        },
      ],
      processes: { p1: { serviceName: 'telemetrygen', tags: [] } },
      warnings: null,
    });
  });

  it('maps a two-service trace with a Zipkin shared span, events, flags and 64-bit ids', () => {
    const traceId = '0000000000000000463ac35c9f6413ad';
    const web = resource([attr('service.name', str('web')), attr('host.name', str('w1'))]);
    const db = resource([attr('service.name', str('db'))]);
    const common = { traceId, traceIdHigh64Absent: true, flags: 1 };
    const root = makeSpan({ ...common, spanId: '463ac35c9f6413ad', name: 'GET /', kind: SpanKind.SERVER, startTimeUnixNano: 1_000_000n, endTimeUnixNano: 9_000_000n, resource: web });
    const client = makeSpan({
      ...common,
      spanId: '72485a3953bb6124',
      parentSpanId: '463ac35c9f6413ad',
      name: 'query',
      kind: SpanKind.CLIENT,
      startTimeUnixNano: 2_000_000n,
      endTimeUnixNano: 5_000_500n,
      resource: web,
      status: { code: StatusCode.ERROR, message: '' },
      events: [{ timeUnixNano: 2_500_000n, name: 'retry', attributes: [attr('attempt', int(2))], droppedAttributesCount: 0 }],
    });
    const server = makeSpan({
      ...common,
      spanId: '72485a3953bb6124',
      parentSpanId: '463ac35c9f6413ad',
      name: 'query',
      kind: SpanKind.SERVER,
      shared: true,
      startTimeUnixNano: 2_100_000n,
      endTimeUnixNano: 4_900_000n,
      resource: db,
      attributes: [attr('cached', bool(false))],
    });
    const trace = toJaegerTrace([root, client, server]);
    assert.equal(trace.traceID, '463ac35c9f6413ad');
    assert.deepEqual(trace.processes, {
      p1: { serviceName: 'web', tags: [{ key: 'host.name', type: 'string', value: 'w1' }] },
      p2: { serviceName: 'db', tags: [] },
    });
    assert.deepEqual(trace.spans[1], {
      traceID: '463ac35c9f6413ad',
      spanID: '72485a3953bb6124',
      flags: 1,
      operationName: 'query',
      references: [{ refType: 'CHILD_OF', traceID: '463ac35c9f6413ad', spanID: '463ac35c9f6413ad' }],
      startTime: 2000,
      duration: 3000,
      tags: [
        { key: 'span.kind', type: 'string', value: 'client' },
        { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        { key: 'error', type: 'bool', value: true },
      ],
      logs: [{ timestamp: 2500, fields: [{ key: 'event', type: 'string', value: 'retry' }, { key: 'attempt', type: 'int64', value: 2 }] }],
      processID: 'p1',
      warnings: null,
    });
    assert.deepEqual(trace.spans[2], {
      traceID: '463ac35c9f6413ad',
      spanID: '0000000000000001',
      flags: 1,
      operationName: 'query',
      references: [{ refType: 'CHILD_OF', traceID: '463ac35c9f6413ad', spanID: '72485a3953bb6124' }],
      startTime: 2100,
      duration: 2800,
      tags: [
        { key: 'cached', type: 'bool', value: false },
        { key: 'span.kind', type: 'string', value: 'server' },
      ],
      logs: [],
      processID: 'p2',
      warnings: null,
    });
    assert.equal(trace.spans[0]!.references.length, 0);
  });

  it('keeps shared ids as stored when adjustment is off (raw=true)', () => {
    const a = makeSpan({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'c', kind: SpanKind.CLIENT, startTimeUnixNano: 1n, endTimeUnixNano: 2n });
    const b: Span = { ...a, kind: SpanKind.SERVER, shared: true };
    assert.deepEqual(toJaegerTrace([a, b], { adjust: false }).spans.map((s) => s.spanID), ['b'.repeat(16), 'b'.repeat(16)]);
  });
});
