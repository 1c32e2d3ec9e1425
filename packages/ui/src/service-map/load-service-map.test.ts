import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, type Fetch } from '../shared/api-client.js';
import { loadServiceMap } from './load-service-map.js';
import { shopMap } from './map-fixtures.js';

const answering = (status: number, body: string, seen: string[] = []): Fetch => async (input) => {
  seen.push(input);
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
};
const signal = new AbortController().signal;

test('asks the service-map route with the given window and reads the answer', async () => {
  const seen: string[] = [];
  const map = await loadServiceMap(new URLSearchParams({ lookback: '6h' }), signal, answering(200, JSON.stringify(shopMap()), seen));
  assert.deepEqual(seen, ['/api/skein/service-map?lookback=6h']);
  assert.deepEqual(map, shopMap());
});

test("an error answer becomes an ApiError with Skein's code and message", async () => {
  const body = JSON.stringify({ error: { code: 'SKEIN_ERR_INVALID_QUERY', message: 'lookback "forever" is not a duration' } });
  await assert.rejects(loadServiceMap(new URLSearchParams({ lookback: 'forever' }), signal, answering(400, body)), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'SKEIN_ERR_INVALID_QUERY');
    assert.match(e.message, /forever/);
    return true;
  });
});

test('a route that is missing or answers something else says so', async () => {
  await assert.rejects(loadServiceMap(new URLSearchParams(), signal, answering(404, 'Not Found')), (e: unknown) => e instanceof ApiError && e.code === 'HTTP_404');
  await assert.rejects(loadServiceMap(new URLSearchParams(), signal, answering(200, '<html>')), (e: unknown) => e instanceof ApiError && e.code === 'BAD_RESPONSE');
});

test('a network failure is explained; an abort passes through untouched', async () => {
  const down: Fetch = async () => {
    throw new TypeError('fetch failed');
  };
  await assert.rejects(loadServiceMap(new URLSearchParams(), signal, down), (e: unknown) => e instanceof ApiError && e.code === 'NETWORK' && /Is it running/.test(e.message));
  const aborted: Fetch = async () => {
    throw new DOMException('aborted', 'AbortError');
  };
  await assert.rejects(loadServiceMap(new URLSearchParams(), signal, aborted), (e: unknown) => (e as Error).name === 'AbortError');
});
