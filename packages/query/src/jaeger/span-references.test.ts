import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, makeSpan, str, type Span, type SpanLink } from '@skein/model';
import { jaegerReferences } from './span-references.js';

const TRACE = '00000000000000001111111111111111';
const OTHER_TRACE = 'abcdefabcdefabcdef0123456789abcd';
const link = (traceId: string, spanId: string, attributes: SpanLink['attributes'] = []): SpanLink => ({
  traceId,
  spanId,
  traceState: '',
  attributes,
  droppedAttributesCount: 0,
  flags: 0,
});
const span = (fields: Partial<Span>): Span =>
  makeSpan({ traceId: TRACE, spanId: '2222222222222222', name: 'op', startTimeUnixNano: 1n, endTimeUnixNano: 2n, ...fields });

describe('jaegerReferences', () => {
  it('gives a root without links no references', () => {
    assert.deepEqual(jaegerReferences(span({})), []);
  });

  it('puts the parent first as CHILD_OF, then links as FOLLOWS_FROM, trace ids as Jaeger prints them', () => {
    assert.deepEqual(jaegerReferences(span({ parentSpanId: '3333333333333333', links: [link(OTHER_TRACE, '4444444444444444')] })), [
      { refType: 'CHILD_OF', traceID: '1111111111111111', spanID: '3333333333333333' },
      { refType: 'FOLLOWS_FROM', traceID: OTHER_TRACE, spanID: '4444444444444444' },
    ]);
  });

  it('honours opentracing.ref_type on links and lets a link to the parent set its type', () => {
    const refs = jaegerReferences(
      span({
        parentSpanId: '3333333333333333',
        links: [
          link(TRACE, '3333333333333333', [attr('opentracing.ref_type', str('follows_from'))]),
          link(TRACE, '5555555555555555', [attr('opentracing.ref_type', str('child_of'))]),
        ],
      }),
    );
    assert.deepEqual(refs, [
      { refType: 'FOLLOWS_FROM', traceID: '1111111111111111', spanID: '3333333333333333' },
      { refType: 'CHILD_OF', traceID: '1111111111111111', spanID: '5555555555555555' },
    ]);
  });
});
