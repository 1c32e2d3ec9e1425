import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, makeSpan, str, type Resource, type Span } from '@skein/model';
import { SegmentServices, spanKey } from './segment-services.js';

const TRACE = 'ab'.repeat(16);
const SHOP: Resource = { attributes: [attr('service.name', str('shop'))], droppedAttributesCount: 0 };
const span = (id: string): Span => makeSpan({ traceId: TRACE, spanId: id, name: id, startTimeUnixNano: 1n, endTimeUnixNano: 2n, resource: SHOP });
const known = (services: SegmentServices, id: string): boolean => services.resourceOf(spanKey(TRACE, id)) === SHOP;

test('a span seen again is remembered afresh: moved past the others for the count bound, its age restarted', () => {
  const clock = { now: 0 };
  const services = new SegmentServices(2, 1000, () => clock.now);
  services.remember([span('a'), span('b')]);
  clock.now = 600;
  services.remember([span('a')]);
  services.remember([span('c')]); // over the count: 'b' (least recently seen) goes, not 'a'
  assert.deepEqual([known(services, 'a'), known(services, 'b'), known(services, 'c')], [true, false, true]);
  clock.now = 1599; // 'a' last seen at 600
  assert.ok(known(services, 'a'));
  clock.now = 1600;
  assert.equal(known(services, 'a'), false, 'too old, even before a sweep');
  assert.equal(services.size, 2);
  services.expire();
  assert.equal(services.size, 0);
});
