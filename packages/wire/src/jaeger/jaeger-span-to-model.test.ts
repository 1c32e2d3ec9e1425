import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_RESOURCE, bool, int, str } from '@skein/model';
import { JaegerScopes } from './jaeger-special-tags.js';
import { JaegerRefType, emptySpanParts, type JaegerReference, type JaegerSpanParts } from './jaeger-span-parts.js';
import { jaegerPartsToSpan } from './jaeger-span-to-model.js';

const TRACE = '0000000000000000000000000000abcd';
const OTHER_TRACE = '1111111111111111000000000000abcd';

function parts(fields: Partial<JaegerSpanParts>): JaegerSpanParts {
  return { ...emptySpanParts(), traceId: TRACE, traceIdHigh64Absent: true, spanId: '00000000000000aa', ...fields };
}
const ref = (refType: number, spanId: string, traceId = TRACE): JaegerReference => ({ refType, traceId, spanId });
const toSpan = (p: JaegerSpanParts) => jaegerPartsToSpan(p, EMPTY_RESOURCE, new JaegerScopes());
const linkView = (s: ReturnType<typeof toSpan>) => s.links.map((l) => [l.traceId, l.spanId, l.attributes[0]!.value.value]);

test('parentSpanId wins; a CHILD_OF reference to it is not repeated as a link; other references are links', () => {
  const s = toSpan(parts({ parentSpanId: '0000000000000001', references: [ref(JaegerRefType.CHILD_OF, '0000000000000001'), ref(JaegerRefType.FOLLOWS_FROM, '0000000000000002'), ref(JaegerRefType.CHILD_OF, '0000000000000003', OTHER_TRACE)] }));
  assert.equal(s.parentSpanId, '0000000000000001');
  assert.deepEqual(linkView(s), [
    [TRACE, '0000000000000002', 'follows_from'],
    [OTHER_TRACE, '0000000000000003', 'child_of'],
  ]);
});

test('without parentSpanId: the first CHILD_OF in the same trace, else the first FOLLOWS_FROM, is the parent', () => {
  let s = toSpan(parts({ references: [ref(JaegerRefType.CHILD_OF, '0000000000000009', OTHER_TRACE), ref(JaegerRefType.FOLLOWS_FROM, '0000000000000002'), ref(JaegerRefType.CHILD_OF, '0000000000000003')] }));
  assert.equal(s.parentSpanId, '0000000000000003');
  assert.deepEqual(linkView(s), [
    [OTHER_TRACE, '0000000000000009', 'child_of'],
    [TRACE, '0000000000000002', 'follows_from'],
  ]);
  // FOLLOWS_FROM parent: it stays a link too, which tells the query API to give it back as FOLLOWS_FROM
  s = toSpan(parts({ references: [ref(JaegerRefType.FOLLOWS_FROM, '0000000000000002')] }));
  assert.equal(s.parentSpanId, '0000000000000002');
  assert.deepEqual(linkView(s), [[TRACE, '0000000000000002', 'follows_from']]);
  // references to other traces only: a root
  s = toSpan(parts({ references: [ref(JaegerRefType.CHILD_OF, '0000000000000002', OTHER_TRACE)] }));
  assert.equal(s.parentSpanId, '');
});

test('logs: a non-empty string `event` field names the event; otherwise the name is empty and every field stays', () => {
  const s = toSpan(
    parts({
      logs: [
        { timeUnixNano: 5000n, fields: [{ key: 'size', value: int(3) }, { key: 'event', value: str('sent') }] },
        { timeUnixNano: 6000n, fields: [{ key: 'event', value: bool(true) }] },
        { timeUnixNano: 7000n, fields: [{ key: 'event', value: str('') }] },
        { timeUnixNano: 8000n, fields: [] },
      ],
    }),
  );
  assert.deepEqual(
    s.events.map((e) => [e.timeUnixNano, e.name, e.attributes.map((a) => a.key)]),
    [
      [5000n, 'sent', ['size']],
      [6000n, '', ['event']],
      [7000n, '', ['event']],
      [8000n, '', []],
    ],
  );
});

test('flags keep the low 8 bits (sampled, debug, firehose)', () => {
  assert.equal(toSpan(parts({ flags: 0x10b })).flags, 0x0b);
});

test('a zero parentSpanId is no parent', () => {
  assert.equal(toSpan(parts({ parentSpanId: '0000000000000000' })).parentSpanId, '');
});
