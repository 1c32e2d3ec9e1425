import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { array, attr, bool, bytes, double, int, kvlist, str } from '@skein/model';
import { goJsonText } from './go-json-text.js';

describe('goJsonText (pdata Value.AsString for arrays and maps)', () => {
  it('renders arrays of every element type', () => {
    const v = array([str('a'), int(2n ** 60n), double(1.5), bool(false), bytes(new Uint8Array([1, 2, 255]))]);
    assert.equal(goJsonText(v), '["a",1152921504606846976,1.5,false,"AQL/"]');
  });

  it('sorts map keys, keeps the last duplicate and nests', () => {
    const v = kvlist([attr('z', int(1)), attr('a', array([kvlist([attr('k', str('v'))])])), attr('z', str('last'))]);
    assert.equal(goJsonText(v), '{"a":[{"k":"v"}],"z":"last"}');
  });

  it('escapes HTML-sensitive characters the way encoding/json does', () => {
    assert.equal(goJsonText(array([str('<a href="x">&</a>\u2028')])), '["\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028"]');
  });

  it('renders non-finite doubles as null and empty containers as [] and {}', () => {
    assert.equal(goJsonText(array([double(NaN), double(Infinity)])), '[null,null]');
    assert.equal(goJsonText(array([])), '[]');
    assert.equal(goJsonText(kvlist([])), '{}');
  });
});
