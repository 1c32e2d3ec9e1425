import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attr, makeSpan, str, StatusCode, type Span } from '@skein/model';
import { MemoryTraceStore, type TraceQuery } from '@skein/store';
import { findTracesMatchingAny } from './find-traces-matching-any.js';

const resource = { attributes: [attr('service.name', str('api'))], droppedAttributesCount: 0 };
const span = (traceNo: number, startMs: number, fields: Partial<Span> = {}): Span =>
  makeSpan({
    traceId: traceNo.toString(16).padStart(32, '0'),
    spanId: (traceNo * 16 + 1).toString(16).padStart(16, '0'),
    name: 'op',
    startTimeUnixNano: BigInt(startMs) * 1_000_000n,
    endTimeUnixNano: BigInt(startMs + 10) * 1_000_000n,
    resource,
    ...fields,
  });

describe('findTracesMatchingAny', () => {
  it('unions the matches of several queries, newest first, limited, without duplicates', async () => {
    const store = new MemoryTraceStore();
    await store.writeBatch([
      span(1, 1000, { status: { code: StatusCode.ERROR, message: '' } }),
      span(2, 2000, { attributes: [attr('error', str('true'))] }),
      span(3, 3000),
      span(4, 4000, { status: { code: StatusCode.ERROR, message: '' }, attributes: [attr('error', str('true'))] }),
    ]);
    const base: TraceQuery = { serviceName: 'api', limit: 10, sort: 'newest' };
    const queries: TraceQuery[] = [
      { ...base, statusCode: StatusCode.ERROR },
      { ...base, attributes: [{ key: 'error', op: '=', value: 'true' }] },
    ];
    const ids = (traces: Span[][]) => traces.map((t) => Number.parseInt(t[0]!.traceId, 16));
    assert.deepEqual(ids(await findTracesMatchingAny(store, queries)), [4, 2, 1]);
    assert.deepEqual(ids(await findTracesMatchingAny(store, queries.map((q) => ({ ...q, limit: 2 })))), [4, 2]);
    assert.deepEqual(ids(await findTracesMatchingAny(store, [queries[0]!])), [4, 1]);
    assert.deepEqual(await findTracesMatchingAny(store, []), []);
  });
});
