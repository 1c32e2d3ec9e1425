import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formFromParams } from '../search/search-query.js';
import { shopMap } from './map-fixtures.js';
import { DEFAULT_MAP_LOOKBACK, MAP_LOOKBACKS, edgeSearchHref, mapApiParams, mapRangeFromParams, mapSelectionFromParams, mapUrl, nodeSearchHref, type MapRange } from './map-range.js';

const q = (s: string) => new URLSearchParams(s);
const node = (id: string) => shopMap().nodes.find((n) => n.id === id)!;
const HOUR: MapRange = { lookback: '1h', start: '', end: '', rateUnit: 's' };

test('range from the URL: a preset, a custom range, and a default for missing or unknown presets', () => {
  assert.deepEqual(mapRangeFromParams(q('')), { lookback: DEFAULT_MAP_LOOKBACK, start: '', end: '', rateUnit: 's' });
  assert.deepEqual(mapRangeFromParams(q('lookback=6h')), { lookback: '6h', start: '', end: '', rateUnit: 's' });
  assert.deepEqual(mapRangeFromParams(q('lookback=forever')), { lookback: DEFAULT_MAP_LOOKBACK, start: '', end: '', rateUnit: 's' });
  assert.deepEqual(mapRangeFromParams(q('lookback=6h&rate=min')), { lookback: '6h', start: '', end: '', rateUnit: 'min' });
  assert.deepEqual(mapRangeFromParams(q('rate=hour')).rateUnit, 's', 'an unknown unit reads per second');
  assert.deepEqual(mapRangeFromParams(q('lookback=all')), { lookback: DEFAULT_MAP_LOOKBACK, start: '', end: '', rateUnit: 's' }, '"all" is not offered on the map');
  assert.deepEqual(mapRangeFromParams(q('start=2026-01-01T00:00:00Z&end=2026-01-01T01:00:00Z&lookback=6h')), { lookback: 'custom', start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z', rateUnit: 's' });
  assert.ok(!MAP_LOOKBACKS.some((c) => c.value === 'all'));
});

test('mapUrl is the canonical URL and reads back to the same range and selection', () => {
  const cases: Array<[MapRange, ReturnType<typeof mapSelectionFromParams>, string]> = [
    [HOUR, undefined, '/map'],
    [{ lookback: '15m', start: '', end: '', rateUnit: 's' }, undefined, '/map?lookback=15m'],
    [{ lookback: '1h', start: '', end: '', rateUnit: 'min' }, { node: 'service:x' }, '/map?rate=min&node=service%3Ax'],
    [{ lookback: 'custom', start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z', rateUnit: 's' }, undefined, '/map?start=2026-01-01T00%3A00%3A00Z&end=2026-01-02T00%3A00%3A00Z'],
    [HOUR, { node: 'service:a&b=c' }, '/map?node=service%3Aa%26b%3Dc'],
    [{ lookback: '24h', start: '', end: '', rateUnit: 's' }, { source: 'service:x', target: 'database:postgresql/shop' }, '/map?lookback=24h&source=service%3Ax&target=database%3Apostgresql%2Fshop'],
  ];
  for (const [range, selection, url] of cases) {
    assert.equal(mapUrl(range, selection), url);
    const params = new URL(url, 'http://x').searchParams;
    assert.deepEqual(mapRangeFromParams(params), range);
    assert.deepEqual(mapSelectionFromParams(params), selection);
  }
});

test('API parameters: the preset, or the custom range', () => {
  assert.equal(mapApiParams(HOUR).toString(), 'lookback=1h');
  assert.equal(mapApiParams({ lookback: 'custom', start: '1', end: '2', rateUnit: 's' }).toString(), 'start=1&end=2');
});

test("a service node's search finds its own traces over the map's range", () => {
  const href = nodeSearchHref(node('service:checkout'), { lookback: '6h', start: '', end: '', rateUnit: 's' });
  assert.equal(href, '/search?service=checkout&lookback=6h');
  const form = formFromParams(new URL(href, 'http://x').searchParams);
  assert.equal(form.service, 'checkout');
  assert.equal(form.lookback, '6h');
});

test('nodes without spans of their own are searched by the attribute they were inferred from', () => {
  assert.equal(nodeSearchHref(node('database:postgresql/shop'), HOUR), `/search?${q('attr=db.system=postgresql')}`);
  const redis = { id: 'database:redis', kind: 'database' as const, name: 'redis', spanCount: 0, errorCount: 0, operations: [] };
  assert.equal(nodeSearchHref(redis, HOUR), `/search?${q('attr=db.system=redis')}`, 'a database id without a namespace');
  assert.equal(nodeSearchHref(node('service:payments-api'), HOUR), `/search?${q('attr=peer.service=payments-api')}`);
  const external = { id: 'external:api.stripe.com', kind: 'external' as const, name: 'api.stripe.com', spanCount: 0, errorCount: 0, operations: [] };
  assert.equal(nodeSearchHref(external, HOUR), `/search?${q('attr=server.address=api.stripe.com')}`);
});

test("an edge's search: the callee's traces, or the caller's spans naming a callee without spans", () => {
  assert.equal(edgeSearchHref(node('service:frontend'), node('service:checkout'), HOUR), '/search?service=checkout');
  assert.equal(edgeSearchHref(node('service:checkout'), node('database:postgresql/shop'), HOUR), `/search?${q('service=checkout&attr=db.system=postgresql')}`);
  assert.equal(edgeSearchHref(node('service:checkout'), node('service:payments-api'), { lookback: 'custom', start: '2026-01-01T00:00:00Z', end: '', rateUnit: 's' }), `/search?${q('service=checkout&attr=peer.service=payments-api&start=2026-01-01T00:00:00Z')}`);
});
