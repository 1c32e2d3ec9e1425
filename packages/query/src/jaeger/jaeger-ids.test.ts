import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jaegerTraceId, parseJaegerTraceId } from './jaeger-ids.js';

describe('jaegerTraceId', () => {
  it('shortens ids whose high 64 bits are zero, keeps others', () => {
    assert.equal(jaegerTraceId('00000000000000000123456789abcdef'), '0123456789abcdef');
    assert.equal(jaegerTraceId('10000000000000000123456789abcdef'), '10000000000000000123456789abcdef');
  });
});

describe('parseJaegerTraceId', () => {
  it('accepts 16 and 32 hex chars in any case', () => {
    assert.deepEqual(parseJaegerTraceId('0123456789ABCDEF'), { ok: true, traceId: '00000000000000000123456789abcdef' });
    assert.deepEqual(parseJaegerTraceId('5b8efff798038103d269b633813fc60c'), { ok: true, traceId: '5b8efff798038103d269b633813fc60c' });
    assert.deepEqual(parseJaegerTraceId('abc'), { ok: true, traceId: '00000000000000000000000000000abc' });
  });

  it('rejects non-hex, too long and empty ids with Jaeger-like messages', () => {
    assert.deepEqual(parseJaegerTraceId('xyz'), { ok: false, message: 'TraceID is not hexadecimal: xyz' });
    assert.deepEqual(parseJaegerTraceId('1'.repeat(33)), { ok: false, message: `TraceID cannot be longer than 32 hex characters: ${'1'.repeat(33)}` });
    assert.equal(parseJaegerTraceId('').ok, false);
  });

  it('accepts an X-Ray trace id, the same 128 bits', () => {
    assert.deepEqual(parseJaegerTraceId('1-5759e988-bd862e3fe1be46a994272793'), { ok: true, traceId: '5759e988bd862e3fe1be46a994272793' });
    assert.equal(parseJaegerTraceId('1-5759e988-bd86').ok, false);
  });

  it('lets the all-zero id through so that it is answered as not found', () => {
    assert.deepEqual(parseJaegerTraceId('0000'), { ok: true, traceId: '0'.repeat(32) });
  });
});
