import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, makeSpan, SpanKind, str, type Span } from '@skein/model';
import { uniquifySharedSpanIds } from './span-id-uniquifier.js';

const TRACE = 'f'.repeat(32);
const span = (spanId: string, parentSpanId: string, fields: Partial<Span> = {}): Span =>
  makeSpan({ traceId: TRACE, spanId, parentSpanId, name: spanId, startTimeUnixNano: 1n, endTimeUnixNano: 2n, ...fields });
const ids = (spans: readonly Span[]) => spans.map((s) => `${s.spanId}<${s.parentSpanId}`);

describe('uniquifySharedSpanIds', () => {
  it('returns the same array when ids are already unique', () => {
    const spans = [span('000000000000000a', ''), span('000000000000000b', '000000000000000a')];
    assert.equal(uniquifySharedSpanIds(spans), spans);
  });

  it('gives the shared server half the first free id, parents it on the client half and moves its children', () => {
    const spans = [
      span('000000000000000a', ''),
      span('000000000000000b', '000000000000000a', { kind: SpanKind.CLIENT }),
      span('000000000000000b', '000000000000000a', { kind: SpanKind.SERVER, shared: true }),
      span('000000000000000c', '000000000000000b'),
    ];
    assert.deepEqual(ids(uniquifySharedSpanIds(spans)), [
      '000000000000000a<',
      '000000000000000b<000000000000000a',
      '0000000000000001<000000000000000b',
      '000000000000000c<0000000000000001',
    ]);
  });

  it('skips ids the trace already uses and numbers several shared pairs in order', () => {
    const spans = [
      span('0000000000000001', ''),
      span('0000000000000005', '0000000000000001', { kind: SpanKind.CLIENT }),
      span('0000000000000005', '0000000000000001', { kind: SpanKind.SERVER }),
      span('0000000000000002', '0000000000000001', { kind: SpanKind.CLIENT }),
      span('0000000000000002', '0000000000000001', { shared: true }),
    ];
    assert.deepEqual(ids(uniquifySharedSpanIds(spans)), [
      '0000000000000001<',
      '0000000000000005<0000000000000001',
      '0000000000000003<0000000000000005',
      '0000000000000002<0000000000000001',
      '0000000000000004<0000000000000002',
    ]);
  });

  it("keeps a child of the shared id that belongs to the client's service under the client half", () => {
    const svc = (name: string) => ({ resource: { attributes: [attr('service.name', str(name))], droppedAttributesCount: 0 } });
    const spans = [
      span('000000000000000b', '000000000000000a', { kind: SpanKind.CLIENT, ...svc('frontend') }),
      span('000000000000000b', '000000000000000a', { kind: SpanKind.SERVER, shared: true, ...svc('backend') }),
      span('000000000000000c', '000000000000000b', svc('frontend')),
      span('000000000000000d', '000000000000000b', svc('backend')),
      span('000000000000000e', '000000000000000b', svc('cache')),
    ];
    assert.deepEqual(ids(uniquifySharedSpanIds(spans)), [
      '000000000000000b<000000000000000a',
      '0000000000000001<000000000000000b',
      '000000000000000c<000000000000000b',
      '000000000000000d<0000000000000001',
      '000000000000000e<0000000000000001',
    ]);
  });

  it('leaves duplicate ids alone when no client half shares them', () => {
    const spans = [span('000000000000000a', '', { kind: SpanKind.SERVER }), span('000000000000000a', '', { kind: SpanKind.SERVER })];
    assert.deepEqual(ids(uniquifySharedSpanIds(spans)), ['000000000000000a<', '000000000000000a<']);
  });
});
