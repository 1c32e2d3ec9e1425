import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type InstrumentationScope, type Resource, type Span, attr, double, int, makeSpan, str } from '@skein/model';
import { groupSpansByResourceAndScope } from './group-spans.js';

const resource = (service: string, extra = int(1)): Resource => ({ attributes: [attr('service.name', str(service)), attr('x', extra)], droppedAttributesCount: 0 });
const scope = (name: string): InstrumentationScope => ({ name, version: '1', attributes: [] });
const span = (name: string, r: Resource, s: InstrumentationScope): Span => makeSpan({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name, startTimeUnixNano: 1n, endTimeUnixNano: 2n, resource: r, scope: s });
const names = (groups: ReturnType<typeof groupSpansByResourceAndScope>) => groups.map((g) => g.scopes.map((sg) => sg.spans.map((s) => s.name)));

test('groups by resource then scope, in order of first appearance, keeping span order', () => {
  const [ra, rb] = [resource('a'), resource('b')];
  const [s1, s2] = [scope('one'), scope('two')];
  const groups = groupSpansByResourceAndScope([span('1', ra, s1), span('2', rb, s1), span('3', ra, s2), span('4', ra, s1), span('5', rb, s1)]);
  assert.deepEqual(names(groups), [[['1', '4'], ['3']], [['2', '5']]]);
  assert.equal(groups[0]!.resource, ra);
  assert.equal(groups[0]!.scopes[1]!.scope, s2);
});

test('separately built but equal resources and scopes share one group', () => {
  const groups = groupSpansByResourceAndScope([span('1', resource('a'), scope('one')), span('2', resource('a'), scope('one')), span('3', resource('a'), scope('two'))]);
  assert.deepEqual(names(groups), [[['1', '2'], ['3']]]);
});

test('values that differ only in type (int 1 vs double 1 vs "1") are different resources', () => {
  const groups = groupSpansByResourceAndScope([span('1', resource('a', int(1)), scope('s')), span('2', resource('a', double(1)), scope('s')), span('3', resource('a', str('1')), scope('s'))]);
  assert.equal(groups.length, 3);
});
