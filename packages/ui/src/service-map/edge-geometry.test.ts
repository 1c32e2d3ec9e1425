import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrowSize, edgeShape } from './edge-geometry.js';

const numbers = (s: string): number[] => (s.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

test('a straight edge: the path stops inside the arrowhead, whose tip is on the end point', () => {
  const { path, arrow } = edgeShape([{ x: 0, y: 0 }, { x: 100, y: 0 }], 2);
  const { length, halfWidth } = arrowSize(2);
  assert.equal(path, `M0,0 L${Math.round((100 - length * 0.8) * 10) / 10},0`);
  const [tx, ty, ax, ay, bx, by] = numbers(arrow);
  assert.deepEqual([tx, ty], [100, 0]);
  assert.equal(ax, Math.round((100 - length) * 10) / 10);
  assert.equal(bx, ax);
  assert.equal(Math.abs(ay! - by!), Math.round(2 * halfWidth * 10) / 10, 'the base is symmetric across the line');
});

test('bends become smooth curves, and the arrow points along the last segment', () => {
  const { path, arrow } = edgeShape([{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 80 }], 4);
  assert.match(path, /^M0,0 Q50,0 50,[\d.]+ L50,[\d.]+$/);
  const [tx, ty, ax, ay, , by] = numbers(arrow);
  assert.deepEqual([tx, ty], [50, 80]);
  assert.ok(ay! < 80 && by === ay, 'the base lies above the tip, across the vertical segment');
  assert.notEqual(ax, 50);
});

test('thicker strokes get bigger arrowheads; degenerate input draws nothing', () => {
  assert.ok(arrowSize(9).length > arrowSize(1.5).length);
  assert.deepEqual(edgeShape([{ x: 1, y: 1 }], 2), { path: '', arrow: '' });
  const same = edgeShape([{ x: 5, y: 5 }, { x: 5, y: 5 }], 2);
  assert.ok(!/NaN/.test(same.path + same.arrow));
});
