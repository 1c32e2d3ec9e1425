import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidTraceStateKey, isValidTraceStateValue, MAX_PROPAGATED_TRACE_STATE_CHARS, W3CTraceState } from './trace-state.js';

test('keys: simple and multi-tenant grammar of Trace Context Level 1', () => {
  for (const key of ['a', 'foo', 'a0_-*/', 'z'.repeat(256), '0@a', 'tenant@system', 't'.repeat(241) + '@' + 'v'.repeat(14)]) {
    assert.equal(isValidTraceStateKey(key), true, key);
  }
  for (const key of ['', '0abc', 'Foo', 'foo bar', 'foo.bar', 'z'.repeat(257), '@a', 'a@', 'a@0', 'a@@b', 'a@b@c', 't'.repeat(242) + '@v', 't@' + 'v'.repeat(15), 'é', 42]) {
    assert.equal(isValidTraceStateKey(key), false, String(key));
  }
});

test('values: printable ASCII without , and =, 1-256 chars, no trailing space', () => {
  for (const value of ['1', ' leading', 'a b', '~!"#', 'x'.repeat(256)]) assert.equal(isValidTraceStateValue(value), true, value);
  for (const value of ['', 'trailing ', 'a,b', 'a=b', 'tab\t', 'x'.repeat(257), '\u00e9', 'new\nline']) {
    assert.equal(isValidTraceStateValue(value), false, JSON.stringify(value));
  }
});

test('set puts the key first and replaces an existing one (W3C mutation rules)', () => {
  const state = W3CTraceState.parse('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE')!;
  assert.equal(state.set('congo', 'ucfJifl5GOE').serialize(), 'congo=ucfJifl5GOE,rojo=00f067aa0ba902b7');
  assert.equal(state.set('new', 'v').serialize(), 'new=v,rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
  assert.equal(state.serialize(), 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE', 'immutable');
});

test('set ignores invalid keys and values instead of throwing', () => {
  const state = W3CTraceState.parse('a=1')!;
  assert.equal(state.set('BAD', 'x'), state);
  assert.equal(state.set('ok', 'bad,value'), state);
  assert.equal(state.set(undefined as unknown as string, 'x'), state);
});

test('set beyond 32 members drops the rightmost', () => {
  let state = W3CTraceState.EMPTY;
  for (let i = 0; i < 32; i++) state = state.set(`k${i}`, String(i));
  assert.equal(state.size, 32);
  const full = state.set('newest', 'x');
  assert.equal(full.size, 32);
  assert.equal(full.get('newest'), 'x');
  assert.equal(full.get('k0'), undefined, 'the oldest (rightmost) member is dropped');
  assert.equal(full.get('k1'), '1');
});

test('unset and get', () => {
  const state = W3CTraceState.parse('a=1,b=2,c=3')!;
  assert.equal(state.unset('b').serialize(), 'a=1,c=3');
  assert.equal(state.unset('missing'), state);
  assert.equal(state.get('c'), '3');
  assert.equal(state.get('missing'), undefined);
  assert.equal(W3CTraceState.EMPTY.serialize(), '');
});

test('serialize truncates to 512 characters: entries over 128 characters first, then from the end', () => {
  const big = 'big=' + 'x'.repeat(200); // 204 chars
  const small = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}=${'y'.repeat(16)}`); // 20 chars each
  const state = W3CTraceState.parse([small.slice(0, 10).join(','), big, small.slice(10).join(',')].join(','))!;
  const serialized = state.serialize();
  assert.ok(serialized.length <= MAX_PROPAGATED_TRACE_STATE_CHARS);
  assert.equal(serialized.includes('big='), false, 'the large entry goes first');
  // 20 members of 20 chars + 19 commas = 419: all small members fit once the big one is gone.
  assert.equal(serialized, small.join(','));
});

test('serialize removes from the end when no large entry is left', () => {
  const members = Array.from({ length: 32 }, (_, i) => `k${String(i).padStart(2, '0')}=${'v'.repeat(60)}`); // 64 chars each
  const serialized = W3CTraceState.parse(members.join(','))!.serialize();
  // 7 members: 7*64 + 6 = 454; 8 would be 519.
  assert.equal(serialized, members.slice(0, 7).join(','));
});

test('a state of exactly 512 characters is kept whole; one more member is dropped from the end', () => {
  // 7 members of 63 characters and one of 64, plus 7 commas: 512.
  const members = Array.from({ length: 8 }, (_, i) => `k${i}=${'v'.repeat(i === 0 ? 61 : 60)}`);
  const text = members.join(',');
  assert.equal(text.length, 512);
  assert.equal(W3CTraceState.parse(text)!.serialize(), text);
  assert.equal(W3CTraceState.parse(text + ',z=1')!.serialize(), text);
  assert.equal(W3CTraceState.parse(text)!.set('z', '1').serialize(), 'z=1,' + members.slice(0, 7).join(','));
});

test('parse: empty, whitespace-only and empty members', () => {
  assert.equal(W3CTraceState.parse(''), undefined);
  assert.equal(W3CTraceState.parse(' \t , ,'), undefined);
  assert.equal(W3CTraceState.parse('a=1,,  ,b=2')!.serialize(), 'a=1,b=2');
  assert.equal(W3CTraceState.parse([])?.size, undefined);
});

test('parse: a member without = invalidates the list', () => {
  assert.equal(W3CTraceState.parse('a=1,b'), undefined);
});

test('parse: huge headers are dropped without building anything', () => {
  assert.equal(W3CTraceState.parse('a=1,' + ' '.repeat(100_000)), undefined);
  assert.equal(W3CTraceState.parse(Array.from({ length: 10_000 }, () => 'a=1')), undefined);
  assert.equal(W3CTraceState.parse(['a=1', 7 as unknown as string]), undefined);
});
