import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SkeinError, SpanKind, findAttribute, type AnyValue, type Span } from '@skein/model';
import { decodeXrayDatagram } from './decode-xray-datagram.js';
import { encodeXrayDatagram } from './encode-xray-datagram.js';

const HEADER = '{"format":"json","version":1}\n';
const datagram = (doc: unknown): Buffer => Buffer.from(HEADER + JSON.stringify(doc));

const hexOf = (chars: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${chars}}$`));
const xrayTraceId = fc.tuple(hexOf(8), hexOf(24)).map(([t, r]) => `1-${t}-${r}`);
const EPOCH_2000_US = 946_684_800_000_000;
const EPOCH_2100_US = 4_102_444_800_000_000;
/** Epoch seconds with microseconds, as a JSON number (the text X-Ray SDKs write). */
const secondsText = (us: number): string => `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;

type Annotation = string | number | boolean;
const annotationValue: fc.Arbitrary<Annotation> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
);
// X-Ray annotation keys: letters, digits, underscores (so they cannot clash with dotted attribute keys).
const annotations = fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/), annotationValue, { maxKeys: 4, noNullPrototype: true });

interface GenSegment {
  id: string;
  name: string;
  startUs: number;
  durationUs: number;
  inProgress: boolean;
  namespace: 'remote' | 'aws' | undefined;
  annotations: Record<string, Annotation>;
  subsegments: GenSegment[];
}

/** A segment with up to `depth` levels of nested subsegments (at most 3 per level). */
const segmentOfDepth = (depth: number): fc.Arbitrary<GenSegment> =>
  fc.record(
    {
      id: hexOf(16),
      name: fc.string({ unit: 'grapheme', maxLength: 16 }),
      startUs: fc.integer({ min: EPOCH_2000_US, max: EPOCH_2100_US }),
      durationUs: fc.integer({ min: 0, max: 3_600_000_000 }),
      inProgress: fc.integer({ min: 0, max: 9 }).map((n) => n < 2), // one in five still running
      namespace: fc.constantFrom('remote' as const, 'aws' as const, undefined),
      annotations,
      subsegments: depth === 0 ? fc.constant([]) : fc.array(segmentOfDepth(depth - 1), { maxLength: 3 }),
    },
    { noNullPrototype: true },
  );
const segment = segmentOfDepth(3);

interface GenDocument {
  traceId: string;
  parentId: string | undefined;
  independentSubsegment: boolean;
  root: GenSegment;
}

const document: fc.Arbitrary<GenDocument> = fc
  .record({ traceId: xrayTraceId, parentId: fc.option(hexOf(16), { nil: undefined }), independentSubsegment: fc.boolean(), root: segment }, { noNullPrototype: true })
  .map((d) => (d.independentSubsegment && d.parentId === undefined ? { ...d, independentSubsegment: false } : d));

/** The segment document a client would send for the generated tree. */
function toJson(seg: GenSegment, top?: Omit<GenDocument, 'root'>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (top) {
    o.trace_id = top.traceId;
    if (top.parentId !== undefined) o.parent_id = top.parentId;
    if (top.independentSubsegment) o.type = 'subsegment';
  }
  o.id = seg.id;
  o.name = seg.name;
  o.start_time = JSON.parse(secondsText(seg.startUs)) as number;
  if (seg.inProgress) o.in_progress = true;
  else o.end_time = JSON.parse(secondsText(seg.startUs + seg.durationUs)) as number;
  if (seg.namespace !== undefined) o.namespace = seg.namespace;
  if (Object.keys(seg.annotations).length > 0) o.annotations = seg.annotations;
  if (seg.subsegments.length > 0) o.subsegments = seg.subsegments.map((s) => toJson(s));
  return o;
}

const typed = (v: Annotation): AnyValue =>
  typeof v === 'string' ? { type: 'string', value: v } : typeof v === 'boolean' ? { type: 'bool', value: v } : Number.isInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'double', value: v };

test('random segment documents decode to exactly the generated ids, parents, names, times, kinds and annotations', () => {
  fc.assert(
    fc.property(document, (doc) => {
      const spans = decodeXrayDatagram(datagram(toJson(doc.root, doc)));
      const traceHex = doc.traceId.slice(2, 10) + doc.traceId.slice(11);
      let i = 0;
      const check = (seg: GenSegment, parent: string, isTop: boolean): void => {
        const s = spans[i++];
        assert.ok(s, `span ${i - 1} missing`);
        assert.equal(s.traceId, traceHex);
        assert.equal(s.spanId, seg.id);
        assert.equal(s.parentSpanId, parent);
        assert.equal(s.name, seg.name);
        const start = BigInt(seg.startUs) * 1000n;
        assert.equal(s.startTimeUnixNano, start);
        assert.equal(s.endTimeUnixNano, seg.inProgress ? start : BigInt(seg.startUs + seg.durationUs) * 1000n);
        assert.deepEqual(findAttribute(s.attributes, 'aws.xray.in_progress'), seg.inProgress ? { type: 'bool', value: true } : undefined);
        const expectedKind = isTop && !doc.independentSubsegment ? SpanKind.SERVER : seg.namespace ? SpanKind.CLIENT : SpanKind.INTERNAL;
        assert.equal(s.kind, expectedKind);
        for (const [k, v] of Object.entries(seg.annotations)) assert.deepEqual(findAttribute(s.attributes, k), typed(v), `annotation ${k}`);
        for (const child of seg.subsegments) check(child, seg.id, false);
      };
      check(doc.root, doc.parentId ?? '', true);
      assert.equal(spans.length, i);
      assert.equal(new Set(spans.map((s) => s.resource)).size, 1);
    }),
    { numRuns: 300 },
  );
});

test('encode is the inverse: X-Ray → model → X-Ray gives the document back, and decoding it again the same spans', () => {
  fc.assert(
    fc.property(document, (doc) => {
      const json = toJson(doc.root, doc);
      const spans: Span[] = decodeXrayDatagram(datagram(json));
      const encoded = Buffer.from(encodeXrayDatagram(spans)).toString('utf8');
      assert.ok(encoded.startsWith(HEADER));
      assert.deepEqual(JSON.parse(encoded.slice(HEADER.length)), json);
      assert.deepEqual(decodeXrayDatagram(Buffer.from(encoded)), spans);
    }),
    { numRuns: 300 },
  );
});

/** Decoding either gives spans or a SkeinError: never another exception. */
function decodesOrRefuses(bytes: Uint8Array): void {
  try {
    const spans = decodeXrayDatagram(bytes);
    assert.ok(Array.isArray(spans));
  } catch (e) {
    if (!(e instanceof SkeinError)) throw new Error(`non-SkeinError escaped: ${String(e)}`);
  }
}

const fixtureLike = datagram(
  toJson(
    {
      id: '3d7d0207778e9050',
      name: 'svc',
      startUs: 1_700_000_000_000_000,
      durationUs: 5,
      inProgress: false,
      namespace: undefined,
      annotations: { a: 1, b: 'x' },
      subsegments: [{ id: '51c251032b34d5dd', name: 'db', startUs: 1_700_000_000_000_001, durationUs: 1, inProgress: false, namespace: 'remote', annotations: {}, subsegments: [] }],
    },
    { traceId: '1-6b011b29-1d5ba6549ae949c3d93a7d6a', parentId: undefined, independentSubsegment: false },
  ),
);

test('random bytes, mutated datagrams and odd documents give spans or a SkeinError, nothing else', () => {
  const mutated = fc.array(fc.tuple(fc.nat(fixtureLike.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
    const b = Buffer.from(fixtureLike);
    for (const [at, value] of edits) b[at] = value;
    return b;
  });
  const truncated = fc.nat(fixtureLike.length).map((n) => fixtureLike.subarray(0, n));
  // Documents with the fields the decoder reads, holding any JSON value at all.
  const fields = ['trace_id', 'id', 'parent_id', 'name', 'type', 'start_time', 'end_time', 'in_progress', 'namespace', 'http', 'sql', 'aws', 'cause', 'annotations', 'metadata', 'links', 'subsegments', 'service', 'origin', 'fault', 'precursor_ids', 'user'];
  const oddDocument = fc.dictionary(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), { noNullPrototype: true });
  const nested = fc.record({ http: fc.dictionary(fc.constantFrom('request', 'response'), fc.dictionary(fc.constantFrom('status', 'method', 'content_length', 'client_ip'), fc.jsonValue({ maxDepth: 1 }))), cause: fc.jsonValue({ maxDepth: 3 }), subsegments: fc.array(oddDocument, { maxLength: 3 }) });
  const inputs = fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from(HEADER), b])),
    mutated,
    truncated,
    fc.jsonValue().map(datagram),
    oddDocument.map(datagram),
    nested.map(datagram),
  );
  fc.assert(fc.property(inputs, decodesOrRefuses), { numRuns: 500 });
});
