import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { array, attr, bool, bytes, double, int, kvlist, str } from '@skein/model';
import { jaegerTag, jaegerTags } from './jaeger-tag.js';

describe('jaegerTag', () => {
  it('keeps primitive types typed', () => {
    assert.deepEqual(jaegerTag('s', str('x')), { key: 's', type: 'string', value: 'x' });
    assert.deepEqual(jaegerTag('b', bool(true)), { key: 'b', type: 'bool', value: true });
    assert.deepEqual(jaegerTag('i', int(200)), { key: 'i', type: 'int64', value: 200 });
    assert.deepEqual(jaegerTag('d', double(2)), { key: 'd', type: 'float64', value: 2 });
    assert.deepEqual(jaegerTag('d', double(0.25)), { key: 'd', type: 'float64', value: 0.25 });
  });

  it('writes int64 beyond 2^53 as a decimal string and non-finite doubles as text', () => {
    assert.deepEqual(jaegerTag('big', int(9007199254740993n)), { key: 'big', type: 'int64', value: '9007199254740993' });
    assert.deepEqual(jaegerTag('neg', int(-(2n ** 63n))), { key: 'neg', type: 'int64', value: '-9223372036854775808' });
    assert.deepEqual(jaegerTag('safe', int(9007199254740991n)), { key: 'safe', type: 'int64', value: 9007199254740991 });
    assert.deepEqual(jaegerTag('nan', double(NaN)), { key: 'nan', type: 'float64', value: 'NaN' });
  });

  it('writes bytes as base64 binary tags', () => {
    assert.deepEqual(jaegerTag('raw', bytes(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))), { key: 'raw', type: 'binary', value: '3q2+7w==' });
  });

  it('writes arrays and key/value lists as JSON strings', () => {
    assert.deepEqual(jaegerTag('arr', array([str('a'), int(1)])), { key: 'arr', type: 'string', value: '["a",1]' });
    assert.deepEqual(jaegerTag('map', kvlist([attr('b', bool(true)), attr('a', double(1.5))])), {
      key: 'map',
      type: 'string',
      value: '{"a":1.5,"b":true}',
    });
  });

  it('keeps attribute order and duplicates', () => {
    assert.deepEqual(
      jaegerTags([attr('z', str('1')), attr('a', str('2')), attr('z', str('3'))]).map((t) => `${t.key}=${String(t.value)}`),
      ['z=1', 'a=2', 'z=3'],
    );
  });
});
