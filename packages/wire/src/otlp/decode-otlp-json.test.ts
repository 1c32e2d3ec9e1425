import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError, type Span } from '@skein/model';
import { assertSkeinError, readWireFixture } from '@skein/testkit';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { MAX_JSON_DEPTH } from '../json/json-depth.js';
import { MAX_ANY_VALUE_DEPTH } from './otlp-schema.js';

const SPAN = {
  traceId: '5B8EFFF798038103D269B633813FC60C',
  spanId: 'EEE19B7EC3C1B174',
  name: 'op',
  kind: 2,
  startTimeUnixNano: '1544712660000000000',
  endTimeUnixNano: '1544712661000000000',
};
/** `{"resourceSpans":[{…,"scopeSpans":[{…,"spans":[span]}]}]}` */
const request = (span: object, resource: object = { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scope: object = { name: 'lib' }) =>
  JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ scope, spans: [span] }] }] });
const decodeOne = (span: object): Span => {
  const spans = decodeOtlpJson(request(span));
  assert.equal(spans.length, 1);
  return spans[0]!;
};
const valueOf = (value: object) => decodeOne({ ...SPAN, attributes: [{ key: 'k', value }] }).attributes[0]!.value;

test('ids are lowercased and otherwise passed through unvalidated', () => {
  const s = decodeOne(SPAN);
  assert.equal(s.traceId, '5b8efff798038103d269b633813fc60c');
  assert.equal(s.spanId, 'eee19b7ec3c1b174');
  assert.equal(s.parentSpanId, '');
  for (const bad of ['', 'xyz', '0'.repeat(32), 'AB']) assert.equal(decodeOne({ ...SPAN, traceId: bad }).traceId, bad.toLowerCase());
});

test('64-bit integers as decimal strings or JSON numbers; 32-bit ones too', () => {
  assert.equal(decodeOne({ ...SPAN, startTimeUnixNano: 1544712660000000000 }).startTimeUnixNano, BigInt(1544712660000000000));
  assert.equal(decodeOne({ ...SPAN, startTimeUnixNano: '18446744073709551615' }).startTimeUnixNano, 2n ** 64n - 1n);
  assert.deepEqual(valueOf({ intValue: '-9223372036854775808' }), { type: 'int', value: -(2n ** 63n) });
  assert.deepEqual(valueOf({ intValue: '9223372036854775807' }), { type: 'int', value: 2n ** 63n - 1n });
  assert.deepEqual(valueOf({ intValue: 503 }), { type: 'int', value: 503n });
  assert.deepEqual(valueOf({ intValue: -7 }), { type: 'int', value: -7n });
  assert.equal(decodeOne({ ...SPAN, droppedAttributesCount: '12', flags: 257 }).droppedAttributesCount, 12);
  assert.equal(decodeOne({ ...SPAN, flags: '4294967295' }).flags, 0xffffffff);
});

test('enums as integers or as their .proto names', () => {
  assert.equal(decodeOne({ ...SPAN, kind: 'SPAN_KIND_CONSUMER' }).kind, 5);
  assert.equal(decodeOne({ ...SPAN, kind: 3 }).kind, 3);
  assert.equal(decodeOne({ ...SPAN, kind: 42 }).kind, 0, 'unknown numbers are "unspecified"');
  assert.deepEqual(decodeOne({ ...SPAN, status: { code: 'STATUS_CODE_ERROR', message: 'boom' } }).status, { code: 2, message: 'boom' });
  assert.deepEqual(decodeOne({ ...SPAN, status: { code: 1 } }).status, { code: 1, message: '' });
  assertSkeinError(() => decodeOne({ ...SPAN, kind: 'SERVER' }), 'SKEIN_ERR_INVALID_PAYLOAD', 'resourceSpans[0].scopeSpans[0].spans[0].kind: unknown enum value');
  assertSkeinError(() => decodeOne({ ...SPAN, status: { code: true } }), 'SKEIN_ERR_INVALID_PAYLOAD', 'spans[0].status.code: expected enum');
});

test('every AnyValue type, including the original snake_case names', () => {
  assert.deepEqual(valueOf({ stringValue: 'ü✓' }), { type: 'string', value: 'ü✓' });
  assert.deepEqual(valueOf({ boolValue: false }), { type: 'bool', value: false });
  assert.deepEqual(valueOf({ doubleValue: 2 }), { type: 'double', value: 2 });
  assert.deepEqual(valueOf({ doubleValue: '1.5e3' }), { type: 'double', value: 1500 });
  assert.deepEqual(valueOf({ doubleValue: 'NaN' }), { type: 'double', value: NaN });
  assert.deepEqual(valueOf({ doubleValue: '-Infinity' }), { type: 'double', value: -Infinity });
  assert.deepEqual(valueOf({ bytesValue: 'AQID/w==' }), { type: 'bytes', value: Uint8Array.of(1, 2, 3, 255) });
  assert.deepEqual(valueOf({ arrayValue: { values: [{ intValue: '1' }, { stringValue: 'a' }] } }), {
    type: 'array',
    value: [
      { type: 'int', value: 1n },
      { type: 'string', value: 'a' },
    ],
  });
  assert.deepEqual(valueOf({ kvlistValue: { values: [{ key: 'x', value: { boolValue: true } }] } }), { type: 'kvlist', value: [{ key: 'x', value: { type: 'bool', value: true } }] });
  assert.deepEqual(valueOf({ arrayValue: {} }), { type: 'array', value: [] });
  assert.deepEqual(valueOf({}), { type: 'string', value: '' }, 'an empty AnyValue');
  assert.deepEqual(valueOf({ int_value: '5' }), { type: 'int', value: 5n });
  assert.deepEqual(valueOf({ kvlist_value: { values: [{ key: 'y', value: { double_value: 0.5 } }] } }), { type: 'kvlist', value: [{ key: 'y', value: { type: 'double', value: 0.5 } }] });
});

test('snake_case field names throughout, as protobuf JSON parsers accept', () => {
  const body = JSON.stringify({
    resource_spans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { string_value: 'svc' } }], dropped_attributes_count: 1 },
        scope_spans: [
          {
            scope: { name: 'lib', version: '2' },
            spans: [
              {
                trace_id: 'aa'.repeat(16),
                span_id: 'bb'.repeat(8),
                parent_span_id: 'cc'.repeat(8),
                trace_state: 'k=v',
                name: 'op',
                start_time_unix_nano: '10',
                end_time_unix_nano: '20',
                dropped_attributes_count: 3,
                events: [{ time_unix_nano: '15', name: 'e', dropped_attributes_count: 1 }],
                dropped_events_count: 4,
                links: [{ trace_id: 'dd'.repeat(16), span_id: 'ee'.repeat(8), trace_state: 'a=b' }],
                dropped_links_count: 5,
              },
            ],
          },
        ],
      },
    ],
  });
  const [s] = decodeOtlpJson(body);
  assert.equal(s!.traceId, 'aa'.repeat(16));
  assert.equal(s!.parentSpanId, 'cc'.repeat(8));
  assert.equal(s!.traceState, 'k=v');
  assert.equal(s!.startTimeUnixNano, 10n);
  assert.equal(s!.endTimeUnixNano, 20n);
  assert.deepEqual([s!.droppedAttributesCount, s!.droppedEventsCount, s!.droppedLinksCount], [3, 4, 5]);
  assert.deepEqual(s!.events, [{ timeUnixNano: 15n, name: 'e', attributes: [], droppedAttributesCount: 1 }]);
  assert.deepEqual(s!.links, [{ traceId: 'dd'.repeat(16), spanId: 'ee'.repeat(8), traceState: 'a=b', attributes: [], droppedAttributesCount: 0, flags: 0 }]);
  assert.equal(s!.resource.droppedAttributesCount, 1);
  assert.deepEqual(s!.scope, { name: 'lib', version: '2', attributes: [] });
});

test('unknown fields are ignored at every level; null and absent fields take their defaults', () => {
  const extra = { futureField: { nested: [1, 2, { deep: true }] }, schemaUrl: 'https://opentelemetry.io/schemas/1.21.0' };
  const body = JSON.stringify({
    ...extra,
    resourceSpans: [
      {
        ...extra,
        resource: { ...extra, attributes: [{ ...extra, key: 'service.name', value: { ...extra, stringValue: 'svc' } }] },
        scopeSpans: [{ ...extra, scope: { ...extra, name: 'lib' }, spans: [{ ...extra, ...SPAN, parentSpanId: null, status: { ...extra }, events: [{ ...extra, name: 'e' }] }] }],
      },
    ],
  });
  const [s] = decodeOtlpJson(body);
  assert.equal(s!.name, 'op');
  assert.equal(s!.parentSpanId, '');
  assert.deepEqual(s!.status, { code: 0, message: '' });
  assert.deepEqual(s!.events, [{ timeUnixNano: 0n, name: 'e', attributes: [], droppedAttributesCount: 0 }]);
  assert.deepEqual(s!.resource.attributes, [{ key: 'service.name', value: { type: 'string', value: 'svc' } }]);
  const [bare] = decodeOtlpJson('{"resourceSpans":[{"scopeSpans":[{"spans":[{}]}]}]}');
  assert.deepEqual(bare, {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    resource: { attributes: [], droppedAttributesCount: 0 },
    scope: { name: '', version: '', attributes: [] },
    traceIdHigh64Absent: false,
    shared: false,
  });
});

test('wrong JSON types are SKEIN_ERR_INVALID_PAYLOAD naming the path of the value', () => {
  const cases: Array<[body: string, message: string]> = [
    ['[]', '(root): expected object, got array'],
    ['"x"', '(root): expected object'],
    ['{"resourceSpans":{}}', 'resourceSpans: expected array, got object'],
    ['{"resourceSpans":[7]}', 'resourceSpans[0]: expected object, got number 7'],
    ['{"resourceSpans":[{"resource":[]}]}', 'resourceSpans[0].resource: expected object, got array'],
    ['{"resourceSpans":[{"resource":{"attributes":[{"key":1}]}}]}', 'resourceSpans[0].resource.attributes[0].key: expected string'],
    ['{"resourceSpans":[{"scopeSpans":[{"scope":{"name":false}}]}]}', 'resourceSpans[0].scopeSpans[0].scope.name: expected string'],
    [request({ ...SPAN, traceId: 12 }), 'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected string, got number 12'],
    [request({ ...SPAN, startTimeUnixNano: '12abc' }), 'spans[0].startTimeUnixNano: expected unsigned 64-bit integer, got string "12abc"'],
    [request({ ...SPAN, startTimeUnixNano: 1.5 }), 'spans[0].startTimeUnixNano: expected unsigned 64-bit integer'],
    [request({ ...SPAN, startTimeUnixNano: '-1' }), 'spans[0].startTimeUnixNano: expected unsigned 64-bit integer'],
    [request({ ...SPAN, startTimeUnixNano: '0x10' }), 'spans[0].startTimeUnixNano: expected unsigned 64-bit integer'],
    [request({ ...SPAN, endTimeUnixNano: '18446744073709551616' }), 'spans[0].endTimeUnixNano: expected unsigned 64-bit integer'],
    [request({ ...SPAN, droppedLinksCount: -1 }), 'spans[0].droppedLinksCount: expected unsigned 32-bit integer'],
    [request({ ...SPAN, flags: 2 ** 32 }), 'spans[0].flags: expected unsigned 32-bit integer'],
    [request({ ...SPAN, attributes: {} }), 'spans[0].attributes: expected array'],
    [request({ ...SPAN, attributes: [{ key: 'a', value: { intValue: '1.5' } }] }), 'spans[0].attributes[0].value.intValue: expected 64-bit integer, got string "1.5"'],
    [request({ ...SPAN, attributes: [{ key: 'a', value: { intValue: '9223372036854775808' } }] }), 'spans[0].attributes[0].value.intValue: expected 64-bit integer'],
    [request({ ...SPAN, attributes: [{ key: 'a', value: { stringValue: 5 } }] }), 'spans[0].attributes[0].value.stringValue: expected string'],
    [request({ ...SPAN, attributes: [{ key: 'a', value: { boolValue: 'true' } }] }), 'spans[0].attributes[0].value.boolValue: expected boolean'],
    [request({ ...SPAN, attributes: [{ key: 'a', value: { doubleValue: 'fast' } }] }), 'spans[0].attributes[0].value.doubleValue: expected number'],
    [request({ ...SPAN, attributes: [{ key: 'a', value: { arrayValue: { values: [{ intValue: 'x' }] } } }] }), 'spans[0].attributes[0].value.arrayValue.values[0].intValue'],
    [request({ ...SPAN, attributes: [{ key: 'a', value: { kvlistValue: { values: [{ key: 'b', value: 3 }] } } }] }), 'spans[0].attributes[0].value.kvlistValue.values[0].value: expected object'],
    [request({ ...SPAN, events: [{ name: 'e', timeUnixNano: {} }] }), 'spans[0].events[0].timeUnixNano: expected unsigned 64-bit integer, got object'],
    [request({ ...SPAN, links: [{ spanId: [] }] }), 'spans[0].links[0].spanId: expected string, got array'],
    [request({ ...SPAN, status: 'ERROR' }), 'spans[0].status: expected object'],
  ];
  for (const [body, message] of cases) assertSkeinError(() => decodeOtlpJson(body), 'SKEIN_ERR_INVALID_PAYLOAD', message);
  // The path names the exact span: the 2nd ScopeSpans, 4th span.
  const good = { ...SPAN };
  const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [good] }, { spans: [good, good, good, { ...SPAN, startTimeUnixNano: true }] }] }] });
  assertSkeinError(() => decodeOtlpJson(body), 'SKEIN_ERR_INVALID_PAYLOAD', 'resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano: expected unsigned 64-bit integer, got boolean true');
});

test('text that is not JSON is SKEIN_ERR_MALFORMED_JSON', () => {
  for (const body of ['', '{', '{"resourceSpans": [}', 'null x', '\u0000']) assertSkeinError(() => decodeOtlpJson(body), 'SKEIN_ERR_MALFORMED_JSON');
  assertSkeinError(() => decodeOtlpJson(Uint8Array.of(0x7b, 0xff)), 'SKEIN_ERR_MALFORMED_JSON');
});

test('a UTF-8 byte-order mark is tolerated', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(request(SPAN))]);
  assert.equal(decodeOtlpJson(bytes)[0]!.name, 'op');
});

test('JSON nested 100k levels deep is SKEIN_ERR_TOO_DEEP (wherever it is), without recursion', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  assertSkeinError(() => decodeOtlpJson(`{"resourceSpans":${deep(100_000)}}`), 'SKEIN_ERR_TOO_DEEP');
  assertSkeinError(() => decodeOtlpJson(`{"unknownField":${deep(100_000)}}`), 'SKEIN_ERR_TOO_DEEP');
  assertSkeinError(() => decodeOtlpJson('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)), 'SKEIN_ERR_TOO_DEEP');
  // Just within the limit is fine (an unknown field, so it is ignored), brackets inside strings do not count.
  assert.deepEqual(decodeOtlpJson(`{"x":${deep(MAX_JSON_DEPTH - 1)},"s":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`), []);
});

/** An attribute value nested `depth` levels through arrayValue (depth 1 = a plain value). */
function nestedValue(depth: number): object {
  let v: object = { intValue: '7' };
  for (let i = 1; i < depth; i++) v = { arrayValue: { values: [v] } };
  return v;
}

test(`AnyValue nesting: ${MAX_ANY_VALUE_DEPTH} levels decode, one more is SKEIN_ERR_TOO_DEEP naming the attribute`, () => {
  let v = valueOf(nestedValue(MAX_ANY_VALUE_DEPTH));
  let levels = 1;
  while (v.type === 'array') {
    v = v.value[0]!;
    levels++;
  }
  assert.equal(levels, MAX_ANY_VALUE_DEPTH);
  assertSkeinError(() => valueOf(nestedValue(MAX_ANY_VALUE_DEPTH + 1)), 'SKEIN_ERR_TOO_DEEP', /spans\[0\]\.attributes\[0\]\.value(\.arrayValue\.values\[0\])+: attribute values nest deeper than 32 levels/);
  // Built as text: JSON.stringify itself recurses and could not write it.
  const depth = 100_000;
  const deepValue = '{"arrayValue":{"values":['.repeat(depth - 1) + '{"intValue":"7"}' + ']}}'.repeat(depth - 1);
  const body = request({ ...SPAN, attributes: [{ key: 'k', value: 'PLACEHOLDER' }] }).replace('"PLACEHOLDER"', deepValue);
  assertSkeinError(() => decodeOtlpJson(body), 'SKEIN_ERR_TOO_DEEP');
});

test('OTLP < 0.19 senders: instrumentationLibrarySpans / instrumentationLibrary are read like scopeSpans / scope', () => {
  const body = JSON.stringify({ resourceSpans: [{ instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'old', version: '1' }, spans: [SPAN] }] }] });
  const [s] = decodeOtlpJson(body);
  assert.equal(s!.name, 'op');
  assert.deepEqual(s!.scope, { name: 'old', version: '1', attributes: [] });
});

test('resource and scope objects are shared by all spans of their ResourceSpans/ScopeSpans', () => {
  const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [SPAN, SPAN] }, { spans: [SPAN] }] }, { scopeSpans: [{ spans: [SPAN] }] }] });
  const [a, b, c, d] = decodeOtlpJson(body);
  assert.equal(a!.resource, b!.resource);
  assert.equal(a!.resource, c!.resource);
  assert.notEqual(a!.resource, d!.resource);
  assert.equal(a!.scope, b!.scope);
  assert.notEqual(a!.scope, c!.scope);
});

test('arbitrary JSON, and corrupted real payloads, only ever throw SkeinErrors', () => {
  const fixture = readWireFixture('otel-otlp-json.bin').toString('utf8');
  const decodeOrSkeinError = (body: string | Uint8Array) => {
    try {
      assert.ok(Array.isArray(decodeOtlpJson(body)));
    } catch (e) {
      assert.ok(e instanceof SkeinError, `non-SkeinError escaped: ${e instanceof Error ? e.stack : String(e)}`);
    }
  };
  fc.assert(fc.property(fc.jsonValue(), (v) => decodeOrSkeinError(JSON.stringify(v))), { numRuns: 1000 });
  fc.assert(fc.property(fc.jsonValue(), (v) => decodeOrSkeinError(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [v] }] }] }))), { numRuns: 1000 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodeOrSkeinError(bytes)), { numRuns: 500 });
  // Replace one JSON value in the real payload by an arbitrary one.
  const original = JSON.parse(fixture) as unknown;
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(original, []);
  fc.assert(
    fc.property(fc.nat(paths.length - 1), fc.jsonValue(), (which, replacement) => {
      const copy = JSON.parse(fixture) as Record<string | number, unknown>;
      const path = paths[which]!;
      if (path.length === 0) return decodeOrSkeinError(JSON.stringify(replacement));
      let parent = copy;
      for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
      parent[path[path.length - 1]!] = replacement;
      decodeOrSkeinError(JSON.stringify(copy));
    }),
    { numRuns: 2000 },
  );
});
