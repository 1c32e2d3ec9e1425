import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EDGE_NEUTRAL, MAX_EDGE_WIDTH } from './edge-style.js';
import { shopMap } from './map-fixtures.js';
import { buildMapView, neighbourEdges, nodeActivity, operationRows } from './map-view.js';
import { edgeKey } from './service-map-json.js';

test('node boxes say name, kind, rate (spans per second of the window) and error rate', () => {
  const view = buildMapView(shopMap());
  assert.equal(view.windowSeconds, 3600);
  const frontend = view.nodeById.get('service:frontend')!;
  assert.equal(frontend.label, 'frontend');
  assert.equal(frontend.kindLabel, 'service');
  assert.equal(frontend.ratePerSecond, 2);
  assert.equal(frontend.statsLine, '2/s · 0.5% err');
  assert.match(frontend.description, /^frontend \(service\): 7,200 spans, 2\/s, 36 errors \(0\.5%\)$/);
});

test('a node without spans of its own counts the calls made to it', () => {
  const map = shopMap();
  const payments = map.nodes.find((n) => n.id === 'service:payments-api')!;
  assert.deepEqual(nodeActivity(payments, map), { count: 900, errors: 225, what: 'call' });
  const view = buildMapView(map);
  assert.equal(view.nodeById.get('service:payments-api')!.statsLine, '0.25/s · 25% err');
  assert.equal(view.nodeById.get('database:postgresql/shop')!.kindLabel, 'database');
  assert.match(view.nodeById.get('database:postgresql/shop')!.description, /^shop \(database\): 360 calls/);
});

test('edges: rate, error rate, p50/p99 in the label; width by rate; red by errors', () => {
  const view = buildMapView(shopMap());
  const main = view.edgeByKey.get(edgeKey('service:frontend', 'service:checkout'))!;
  assert.equal(main.ratePerSecond, 1);
  assert.equal(main.rateLine, '1/s · 1% err');
  assert.equal(main.latencyLine, 'p50 3ms · p99 40ms');
  assert.equal(main.strokeWidth, MAX_EDGE_WIDTH, 'the busiest edge is the widest');
  assert.match(main.description, /^frontend → checkout: 3,600 calls, 1\/s, 36 errors \(1%\)/);
  const db = view.edgeByKey.get(edgeKey('service:checkout', 'database:postgresql/shop'))!;
  assert.ok(db.strokeWidth < main.strokeWidth);
  assert.equal(db.color, EDGE_NEUTRAL);
  const failing = view.edgeByKey.get(edgeKey('service:checkout', 'service:payments-api'))!;
  assert.equal(failing.errorRate, 0.25);
  assert.equal(failing.latencyLine, 'p50 80ms · p99 1.2s');
  assert.notEqual(failing.color, EDGE_NEUTRAL);
  assert.ok(failing.shape.path.startsWith('M') && failing.shape.arrow.split(' ').length === 3);
});

test('operations busiest first with their rates and error rates; neighbour edges', () => {
  const map = shopMap();
  const frontend = map.nodes.find((n) => n.id === 'service:frontend')!;
  const rows = operationRows(frontend, 3600);
  assert.deepEqual(
    rows.map((r) => [r.operation.name, r.ratePerSecond, r.errorRate]),
    [
      ['GET /cart', 1, 0],
      ['GET', 0.5, 0],
      ['POST /checkout', 0.5, 0.02],
    ],
  );
  const view = buildMapView(map);
  const { incoming, outgoing } = neighbourEdges(view, 'service:checkout');
  assert.deepEqual(incoming.map((e) => e.edge.source), ['service:frontend']);
  assert.deepEqual(outgoing.map((e) => e.edge.target), ['service:payments-api', 'database:postgresql/shop']);
});
