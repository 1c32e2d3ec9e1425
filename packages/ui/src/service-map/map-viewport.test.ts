import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDENTITY, MAX_SCALE, MIN_SCALE, fitTransform, panBy, revealBox, transformAttribute, wheelFactor, zoomAt, type ViewTransform } from './map-viewport.js';

const toView = (t: ViewTransform, p: { x: number; y: number }) => ({ x: p.x * t.k + t.x, y: p.y * t.k + t.y });
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

test('fit: a large map shrinks to fit and is centred', () => {
  const t = fitTransform({ width: 2000, height: 500 }, { width: 1000, height: 600 }, 0);
  assert.equal(t.k, 0.5);
  assert.deepEqual(toView(t, { x: 0, y: 0 }), { x: 0, y: 175 });
  assert.deepEqual(toView(t, { x: 2000, y: 500 }), { x: 1000, y: 425 });
});

test('fit: a small map is centred at its natural size, a huge one stops at the minimum scale', () => {
  const small = fitTransform({ width: 200, height: 100 }, { width: 1000, height: 600 });
  assert.equal(small.k, 1);
  assert.deepEqual([small.x, small.y], [400, 250]);
  assert.equal(fitTransform({ width: 1e6, height: 10 }, { width: 1000, height: 600 }).k, MIN_SCALE);
});

test('zooming keeps the point under the cursor still, within the scale bounds', () => {
  const t0: ViewTransform = { x: 30, y: -20, k: 0.8 };
  const at = { x: 400, y: 300 };
  const mapPoint = { x: (at.x - t0.x) / t0.k, y: (at.y - t0.y) / t0.k };
  const t1 = zoomAt(t0, 1.5, at);
  assert.ok(close(t1.k, 1.2));
  const back = toView(t1, mapPoint);
  assert.ok(close(back.x, at.x) && close(back.y, at.y));
  assert.equal(zoomAt(IDENTITY, 100, at).k, MAX_SCALE);
  assert.equal(zoomAt(IDENTITY, 0.0001, at).k, MIN_SCALE);
});

test('wheel: down zooms out, up zooms in, lines and pixels both work, a wild delta is bounded', () => {
  assert.ok(wheelFactor(100, 0) < 1);
  assert.ok(wheelFactor(-100, 0) > 1);
  assert.ok(close(wheelFactor(3, 1), wheelFactor(48, 0)));
  assert.equal(wheelFactor(1e9, 0), wheelFactor(300, 0));
  assert.ok(close(wheelFactor(100, 0) * wheelFactor(-100, 0), 1), 'in then out returns to the same scale');
});

test('pan, and revealing a box moves only as much as needed', () => {
  assert.deepEqual(panBy({ x: 1, y: 2, k: 2 }, 10, -5), { x: 11, y: -3, k: 2 });
  const view = { width: 800, height: 600 };
  const t: ViewTransform = { x: 0, y: 0, k: 1 };
  assert.equal(revealBox(t, { x: 100, y: 100, width: 150, height: 58 }, view), t, 'already visible: unchanged');
  const right = revealBox(t, { x: 900, y: 100, width: 150, height: 58 }, view, 24);
  assert.deepEqual(right, { x: 800 - 24 - 1050, y: 0, k: 1 });
  const above = revealBox({ x: 0, y: 0, k: 0.5 }, { x: 100, y: -200, width: 150, height: 58 }, view, 24);
  assert.deepEqual(above, { x: 0, y: 124, k: 0.5 });
});

test('transform attribute', () => {
  assert.equal(transformAttribute({ x: 1.234, y: -5, k: 0.5 }), 'translate(1.2,-5.0) scale(0.5000)');
});
