import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, StatusCode, findAttribute, serviceNameOf, spanKindFromName, type AnyValue, type Span } from '@skein/model';
import { manifestEntry, readWireFixture } from '@skein/testkit';
import { decodeXrayDatagram } from './decode-xray-datagram.js';
import { encodeXrayDatagram } from './encode-xray-datagram.js';
import { xrayTraceIdToHex } from './xray-trace-id.js';

const FIXTURE = 'xray.bin';

/** The typed attribute value a manifest's JSON scalar stands for (integers → int, other numbers → double). */
const expectedValue = (v: unknown): AnyValue =>
  typeof v === 'string' ? { type: 'string', value: v } : typeof v === 'boolean' ? { type: 'bool', value: v } : Number.isInteger(v) ? { type: 'int', value: BigInt(v as number) } : { type: 'double', value: v as number };

test(`${FIXTURE}: every span, parent, annotation, http field, fault and exception of the manifest`, () => {
  const entry = manifestEntry(FIXTURE);
  const spans = decodeXrayDatagram(readWireFixture(FIXTURE));
  assert.ok(entry.spans);
  assert.equal(spans.length, entry.spans.length);
  assert.deepEqual([...new Set(spans.map((s) => serviceNameOf(s.resource)))], entry.services);
  for (const s of spans) assert.equal(s.traceId, xrayTraceIdToHex(entry.traceId));

  const byName = new Map(spans.map((s) => [s.name, s]));
  for (const want of entry.spans) {
    const got = byName.get(want.name);
    assert.ok(got, `span "${want.name}" missing`);
    if (want.parent === null) assert.equal(got.parentSpanId, '', `${want.name} is a root`);
    else assert.equal(got.parentSpanId, byName.get(want.parent)?.spanId, `${want.name}'s parent is ${want.parent}`);
    if (typeof want.kind === 'string') assert.equal(got.kind, spanKindFromName(want.kind), `${want.name} kind`);
    for (const [k, v] of Object.entries((want.annotations as Record<string, unknown> | undefined) ?? {})) {
      assert.deepEqual(findAttribute(got.attributes, k), expectedValue(v), `${want.name} annotation ${k}`);
    }
    const http = want.http as { method?: string; status?: number } | undefined;
    if (http?.method) assert.deepEqual(findAttribute(got.attributes, 'http.request.method'), expectedValue(http.method));
    if (http?.status) assert.deepEqual(findAttribute(got.attributes, 'http.response.status_code'), expectedValue(http.status));
    if (want.fault === true) {
      assert.deepEqual(findAttribute(got.attributes, 'aws.xray.fault'), expectedValue(true));
      assert.equal(got.status.code, StatusCode.ERROR);
    }
    if (typeof want.exception === 'string') {
      const exceptions = got.events.filter((e) => e.name === 'exception');
      assert.equal(exceptions.length, 1);
      assert.deepEqual(findAttribute(exceptions[0]!.attributes, 'exception.message'), expectedValue(want.exception));
    }
    if (want.namespace === 'remote') assert.equal(got.kind, SpanKind.CLIENT);
  }
});

test(`${FIXTURE}: resource, times, stack trace and kinds in detail`, () => {
  const spans = decodeXrayDatagram(readWireFixture(FIXTURE));
  const [root, data, result, api] = spans as [Span, Span, Span, Span];
  // one Resource for the document, shared by reference
  assert.equal(new Set(spans.map((s) => s.resource)).size, 1);
  const resource = new Map(root.resource.attributes.map((a) => [a.key, a.value]));
  assert.deepEqual(resource.get('cloud.provider'), { type: 'string', value: 'aws' });
  assert.deepEqual(resource.get('telemetry.sdk.name'), { type: 'string', value: 'X-Ray for Node.js' });
  assert.deepEqual(resource.get('telemetry.sdk.language'), { type: 'string', value: 'Node.js' });
  assert.deepEqual(resource.get('telemetry.sdk.version'), { type: 'string', value: '3.12.0' });
  // what the collector drops is kept
  assert.deepEqual(resource.get('aws.xray.service.runtime_version'), { type: 'string', value: 'v20.20.2' });
  assert.deepEqual(resource.get('aws.xray.aws.xray.package'), { type: 'string', value: 'aws-xray-sdk-core' });
  // float seconds → exact nanoseconds
  assert.equal(root.startTimeUnixNano, 1_795_234_601_155_000_000n);
  assert.equal(root.endTimeUnixNano, 1_795_234_601_157_000_000n);
  assert.equal(data.kind, SpanKind.INTERNAL);
  assert.equal(api.kind, SpanKind.CLIENT);
  assert.equal(root.kind, SpanKind.SERVER);
  assert.deepEqual(root.status, { code: StatusCode.UNSET, message: '' });
  assert.deepEqual(findAttribute(root.attributes, 'client.address'), { type: 'string', value: '10.0.0.1' });
  assert.deepEqual(findAttribute(root.attributes, 'aws.xray.metadata.default'), { type: 'string', value: '{"request":{"path":"/api/activities/home"}}' });
  assert.deepEqual(findAttribute(root.attributes, 'aws.xray.annotations'), { type: 'array', value: ['user_id', 'premium', 'score'].map((value) => ({ type: 'string', value })) });
  // the exception: an event at the subsegment's end, with the collector's stack text
  const [exception] = result.events;
  assert.ok(exception);
  assert.equal(exception.timeUnixNano, result.endTimeUnixNano);
  const stack = findAttribute(exception.attributes, 'exception.stacktrace');
  assert.equal(stack?.type, 'string');
  assert.ok((stack.value as string).startsWith('Error: db timeout\n\tat Object.<anonymous>(/tmp/fixt/xray.cjs: 14)\n\tat Module._compile(node: <unknown>)\n'));
  assert.deepEqual(findAttribute(exception.attributes, 'aws.xray.exception.id'), { type: 'string', value: '118431c8db87012b' });
  assert.deepEqual(findAttribute(result.attributes, 'aws.xray.cause.working_directory'), { type: 'string', value: '/tmp/fixt' });
});

test(`${FIXTURE}: X-Ray → model → X-Ray gives back the document the client sent`, () => {
  const bytes = readWireFixture(FIXTURE);
  const back = Buffer.from(encodeXrayDatagram(decodeXrayDatagram(bytes))).toString('utf8');
  const [header, document] = bytes.toString('utf8').split('\n');
  const [backHeader, backDocument] = back.split('\n');
  assert.equal(backHeader, header);
  assert.deepEqual(JSON.parse(backDocument!), JSON.parse(document!));
});
