import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind } from '@skein/model';
import { decodeZipkinV1Json } from './decode-zipkin-v1-json.js';
import type { ZipkinV1Annotation, ZipkinV1BinaryAnnotation, ZipkinV1Span } from './zipkin-v1-span.js';
import { convertZipkinV1Span } from './zipkin-v1-to-v2.js';
import type { ZipkinV2Endpoint } from './zipkin-v2-span.js';

// The cases follow zipkin2.v1.V1SpanConverter and its tests in openzipkin/zipkin.
const FRONTEND: ZipkinV2Endpoint = { serviceName: 'frontend', ipv4: '172.17.0.13' };
const BACKEND: ZipkinV2Endpoint = { serviceName: 'backend', ipv4: '192.168.99.101', port: 9000 };
const KAFKA: ZipkinV2Endpoint = { serviceName: 'kafka' };
const ids = { traceId: '7180c278b62e8f6a216a2aea45d08fc9', parentId: '6b221d5bc9e6496c', id: '5b4185666d50f68b', name: 'get' };
const at = (timestamp: number, value: string, endpoint?: ZipkinV2Endpoint): ZipkinV1Annotation => (endpoint ? { timestamp, value, endpoint } : { timestamp, value });
const tag = (key: string, value: string, endpoint?: ZipkinV2Endpoint): ZipkinV1BinaryAnnotation => (endpoint ? { key, value, endpoint } : { key, value });
const address = (key: 'ca' | 'sa' | 'ma', endpoint: ZipkinV2Endpoint): ZipkinV1BinaryAnnotation => ({ key, endpoint });
const v1 = (over: Partial<ZipkinV1Span>): ZipkinV1Span => ({ ...ids, annotations: [], binaryAnnotations: [], ...over });

test('a span holding both RPC sides becomes a client span and a shared server span with the same id', () => {
  const converted = convertZipkinV1Span(
    v1({
      timestamp: 1_472_470_996_199_000,
      duration: 207_000,
      annotations: [at(1_472_470_996_199_000, 'cs', FRONTEND), at(1_472_470_996_238_000, 'ws', FRONTEND), at(1_472_470_996_250_000, 'sr', BACKEND), at(1_472_470_996_350_000, 'ss', BACKEND), at(1_472_470_996_403_000, 'wr', FRONTEND), at(1_472_470_996_406_000, 'cr', FRONTEND)],
      binaryAnnotations: [tag('http.path', '/api', FRONTEND), tag('clnt/finagle.version', '6.45.0', FRONTEND), tag('srv/finagle.version', '6.44.0', BACKEND), address('ca', FRONTEND), address('sa', BACKEND)],
    }),
  );
  assert.deepEqual(converted, [
    {
      ...ids,
      kind: 'CLIENT',
      timestamp: 1_472_470_996_199_000,
      duration: 207_000,
      localEndpoint: FRONTEND,
      remoteEndpoint: BACKEND,
      annotations: [
        { timestamp: 1_472_470_996_238_000, value: 'ws' },
        { timestamp: 1_472_470_996_403_000, value: 'wr' },
      ],
      tags: { 'clnt/finagle.version': '6.45.0', 'http.path': '/api' },
    },
    { ...ids, kind: 'SERVER', shared: true, timestamp: 1_472_470_996_250_000, duration: 100_000, localEndpoint: BACKEND, remoteEndpoint: FRONTEND, tags: { 'srv/finagle.version': '6.44.0' } },
  ]);
});

test('loopback: both sides in one service still make two spans', () => {
  const converted = convertZipkinV1Span(v1({ annotations: [at(10, 'cs', FRONTEND), at(11, 'sr', FRONTEND), at(19, 'ss', FRONTEND), at(20, 'cr', FRONTEND)] }));
  assert.deepEqual(
    converted.map((z) => [z.kind, z.shared ?? false, z.timestamp, z.duration, z.localEndpoint]),
    [
      ['CLIENT', false, 10, 10, FRONTEND],
      ['SERVER', true, 11, 8, FRONTEND],
    ],
  );
  // A one-way client (no cr, no span duration) has no duration.
  const oneWay = convertZipkinV1Span(v1({ annotations: [at(10, 'cs', FRONTEND), at(11, 'sr', BACKEND)] }));
  assert.deepEqual(oneWay.map((z) => [z.kind, z.timestamp, z.duration]), [['CLIENT', 10, undefined], ['SERVER', 11, undefined]]);
});

test("py_zipkin's simulated local span (cs = sr, ss = cr, one endpoint, no address) stays one kind-less span", () => {
  const local = (annotations: ZipkinV1Annotation[], binaryAnnotations: ZipkinV1BinaryAnnotation[] = []) => convertZipkinV1Span(v1({ timestamp: 10, duration: 10, annotations, binaryAnnotations }));
  assert.deepEqual(local([at(10, 'cs', FRONTEND), at(10, 'sr', FRONTEND), at(20, 'ss', FRONTEND), at(20, 'cr', FRONTEND)], [tag('k', 'v', FRONTEND)]), [{ ...ids, timestamp: 10, duration: 10, localEndpoint: FRONTEND, tags: { k: 'v' } }]);
  // anything short of that exact pattern is an RPC, split as Zipkin splits it
  const otherPort = { ...FRONTEND, port: 1 };
  assert.equal(local([at(10, 'cs', FRONTEND), at(10, 'sr', otherPort), at(20, 'ss', otherPort), at(20, 'cr', FRONTEND)]).length, 2);
  assert.equal(local([at(10, 'cs', FRONTEND), at(11, 'sr', FRONTEND), at(20, 'ss', FRONTEND), at(20, 'cr', FRONTEND)]).length, 2);
  assert.equal(local([at(10, 'cs', FRONTEND), at(10, 'sr', FRONTEND), at(20, 'ss', FRONTEND), at(20, 'cr', FRONTEND)], [address('sa', BACKEND)]).length, 2);
});

test('a lone server side is shared when v1 said so the only way it could: no span timestamp', () => {
  const serverOnly = (over: Partial<ZipkinV1Span>) => convertZipkinV1Span(v1({ annotations: [at(100, 'sr', BACKEND), at(150, 'ss', BACKEND)], ...over }))[0]!;
  assert.deepEqual(serverOnly({}), { ...ids, kind: 'SERVER', shared: true, timestamp: 100, duration: 50, localEndpoint: BACKEND });
  const started = serverOnly({ timestamp: 100, duration: 50 });
  assert.equal(started.shared, undefined, 'it started the trace');
  assert.deepEqual([started.timestamp, started.duration], [100, 50]);
  // a timestamp but no duration although ss was logged: MySQL's shared-row edge case
  assert.equal(serverOnly({ timestamp: 100 }).shared, true);
});

test('the span timestamp and duration win when both are known; otherwise the core annotations time the span', () => {
  const client = (over: Partial<ZipkinV1Span>) => convertZipkinV1Span(v1({ annotations: [at(100, 'cs', FRONTEND), at(180, 'cr', FRONTEND)], ...over }))[0]!;
  assert.deepEqual([client({ timestamp: 90, duration: 100 }).timestamp, client({ timestamp: 90, duration: 100 }).duration], [90, 100]);
  assert.deepEqual([client({}).timestamp, client({}).duration], [100, 80]);
  assert.deepEqual([client({ timestamp: 90 }).timestamp, client({ timestamp: 90 }).duration], [100, 80]);
});

test('incomplete RPCs: a lone start times the span, a lone end stays an annotation', () => {
  const [csOnly] = convertZipkinV1Span(v1({ annotations: [at(100, 'cs', FRONTEND)] }));
  assert.deepEqual(csOnly, { ...ids, kind: 'CLIENT', timestamp: 100, localEndpoint: FRONTEND });
  const [crOnly] = convertZipkinV1Span(v1({ annotations: [at(180, 'cr', FRONTEND)] }));
  assert.deepEqual(crOnly, { ...ids, kind: 'CLIENT', localEndpoint: FRONTEND, annotations: [{ timestamp: 180, value: 'cr' }] });
  // ...unless the span's timestamp + duration land exactly on it: then the start is implied.
  const [bridged] = convertZipkinV1Span(v1({ timestamp: 100, duration: 80, annotations: [at(180, 'cr', FRONTEND)] }));
  assert.deepEqual(bridged, { ...ids, kind: 'CLIENT', timestamp: 100, duration: 80, localEndpoint: FRONTEND });
  const [ssBridged] = convertZipkinV1Span(v1({ timestamp: 100, duration: 80, annotations: [at(180, 'ss', BACKEND)] }));
  assert.deepEqual([ssBridged!.kind, ssBridged!.timestamp, ssBridged!.duration, ssBridged!.shared], ['SERVER', 100, 80, undefined]);
});

test('core annotations need an endpoint; without one they are plain annotations', () => {
  const [z] = convertZipkinV1Span(v1({ timestamp: 5, annotations: [at(5, 'cs'), at(9, 'cr')] }));
  assert.deepEqual(z, { ...ids, timestamp: 5, annotations: [{ timestamp: 5, value: 'cs' }, { timestamp: 9, value: 'cr' }] });
});

test('a missing span timestamp: none on the v2 span, so the model starts at the earliest annotation', () => {
  const [z] = convertZipkinV1Span(v1({ annotations: [at(700, 'b', FRONTEND), at(500, 'a', FRONTEND)] }));
  assert.equal(z!.timestamp, undefined);
  assert.deepEqual(z!.annotations, [{ timestamp: 500, value: 'a' }, { timestamp: 700, value: 'b' }]);
  const [span] = decodeZipkinV1Json(JSON.stringify([{ traceId: 'a1', id: 'b2', annotations: [{ timestamp: 700, value: 'b' }, { timestamp: 500, value: 'a' }] }]));
  assert.equal(span!.startTimeUnixNano, 500_000n);
  // no timestamp anywhere: 0, which the pipeline rejects as absurd for that span alone
  assert.equal(decodeZipkinV1Json('[{"traceId":"a1","id":"b2","name":"x"}]')[0]!.startTimeUnixNano, 0n);
});

test('address annotations without core annotations say what the span is', () => {
  const only = (binaryAnnotations: ZipkinV1BinaryAnnotation[]) => convertZipkinV1Span(v1({ timestamp: 1, duration: 2, binaryAnnotations }));
  // "sa" alone is a remote address, not proof of a client span
  assert.deepEqual(only([address('sa', BACKEND)]), [{ ...ids, timestamp: 1, duration: 2, remoteEndpoint: BACKEND }]);
  // "ca" alone: the server side of an RPC
  assert.deepEqual(only([address('ca', FRONTEND)]), [{ ...ids, kind: 'SERVER', timestamp: 1, duration: 2, remoteEndpoint: FRONTEND }]);
  // both: the client's address is the local endpoint
  assert.deepEqual(only([address('ca', FRONTEND), address('sa', BACKEND)]), [{ ...ids, timestamp: 1, duration: 2, localEndpoint: FRONTEND, remoteEndpoint: BACKEND }]);
  // zipkin-ruby wrote addresses as the string "1": still addresses, never tags
  assert.deepEqual(only([tag('sa', '1', BACKEND)]), [{ ...ids, timestamp: 1, duration: 2, remoteEndpoint: BACKEND }]);
});

test('"ca" on a server span: the remote endpoint, without the server\'s own service name (Finagle)', () => {
  const server = (ca: ZipkinV2Endpoint) => convertZipkinV1Span(v1({ annotations: [at(1, 'sr', BACKEND), at(2, 'ss', BACKEND)], binaryAnnotations: [address('ca', ca)] }))[0]!;
  assert.deepEqual(server(FRONTEND).remoteEndpoint, FRONTEND);
  assert.deepEqual(server({ serviceName: 'backend', ipv4: '10.0.0.9', port: 53102 }).remoteEndpoint, { ipv4: '10.0.0.9', port: 53102 });
  assert.equal(server(BACKEND).remoteEndpoint, undefined, 'its own address is no remote');
  assert.equal(server({ serviceName: 'backend' }).remoteEndpoint, undefined, 'nothing left once the name goes');
  // "sa" on a lone client side
  const [client] = convertZipkinV1Span(v1({ annotations: [at(1, 'cr', FRONTEND)], binaryAnnotations: [address('sa', BACKEND)] }));
  assert.deepEqual(client!.remoteEndpoint, BACKEND);
});

test('messaging: ms/ws make a producer, wr/mr a consumer, "ma" the broker on each', () => {
  const [producer] = convertZipkinV1Span(v1({ annotations: [at(10, 'ms', FRONTEND), at(15, 'ws', FRONTEND)], binaryAnnotations: [address('ma', KAFKA)] }));
  assert.deepEqual(producer, { ...ids, kind: 'PRODUCER', timestamp: 10, duration: 5, localEndpoint: FRONTEND, remoteEndpoint: KAFKA });
  const [consumer] = convertZipkinV1Span(v1({ annotations: [at(20, 'wr', BACKEND), at(26, 'mr', BACKEND)], binaryAnnotations: [address('ma', KAFKA)] }));
  assert.deepEqual(consumer, { ...ids, kind: 'CONSUMER', timestamp: 20, duration: 6, localEndpoint: BACKEND, remoteEndpoint: KAFKA });
  // both sides in one span (not supposed to happen): two spans, the consumer shared
  const both = convertZipkinV1Span(v1({ annotations: [at(10, 'ms', FRONTEND), at(20, 'mr', BACKEND)], binaryAnnotations: [address('ma', KAFKA)] }));
  assert.deepEqual(both.map((z) => [z.kind, z.shared ?? false, z.timestamp, z.remoteEndpoint]), [['PRODUCER', false, 10, KAFKA], ['CONSUMER', true, 20, KAFKA]]);
  // ws/wr alone are just annotations
  const [wire] = convertZipkinV1Span(v1({ annotations: [at(1, 'ws', FRONTEND), at(2, 'wr', FRONTEND)] }));
  assert.deepEqual(wire!.annotations, [{ timestamp: 1, value: 'ws' }, { timestamp: 2, value: 'wr' }]);
});

test('"lc": empty, it only carries the local endpoint; with a value it is a tag that names a nameless service', () => {
  const [marker] = convertZipkinV1Span(v1({ timestamp: 1, duration: 2, binaryAnnotations: [tag('lc', '', FRONTEND)] }));
  assert.deepEqual(marker, { ...ids, timestamp: 1, duration: 2, localEndpoint: FRONTEND });
  const [named] = convertZipkinV1Span(v1({ binaryAnnotations: [tag('lc', 'spring-async', { ipv4: '10.0.0.1' })] }));
  assert.deepEqual(named!.localEndpoint, { ipv4: '10.0.0.1', serviceName: 'spring-async' });
  assert.deepEqual(named!.tags, { lc: 'spring-async' });
  const [noEndpoint] = convertZipkinV1Span(v1({ binaryAnnotations: [tag('lc', 'cron')] }));
  assert.deepEqual(noEndpoint!.localEndpoint, { serviceName: 'cron' });
  const [kept] = convertZipkinV1Span(v1({ binaryAnnotations: [tag('lc', 'spring-async', FRONTEND)] }));
  assert.deepEqual(kept!.localEndpoint, FRONTEND, 'a service name that is there stays');
});

test('annotations sorted and deduplicated, tags by key (later duplicates win), debug kept', () => {
  const [z] = convertZipkinV1Span(
    v1({
      debug: true,
      annotations: [at(9, 'b', FRONTEND), at(3, 'z', FRONTEND), at(3, 'a', FRONTEND), at(9, 'b', FRONTEND)],
      binaryAnnotations: [tag('k', 'first', FRONTEND), tag('b', '2', FRONTEND), tag('k', 'second', FRONTEND), tag('__proto__', 'x', FRONTEND)],
    }),
  );
  assert.deepEqual(z!.annotations, [{ timestamp: 3, value: 'a' }, { timestamp: 3, value: 'z' }, { timestamp: 9, value: 'b' }]);
  assert.deepEqual(Object.entries(z!.tags!), [['__proto__', 'x'], ['b', '2'], ['k', 'second']]);
  assert.equal(z!.debug, true);
});

test('through the decoder: the server half is a SERVER model span marked shared', () => {
  const body = JSON.stringify([{ traceId: 'a1b2c3d4e5f60718', id: '1122334455667788', name: 'rpc', annotations: [{ timestamp: 10, value: 'cs', endpoint: { serviceName: 'a' } }, { timestamp: 11, value: 'sr', endpoint: { serviceName: 'b' } }, { timestamp: 18, value: 'ss', endpoint: { serviceName: 'b' } }, { timestamp: 20, value: 'cr', endpoint: { serviceName: 'a' } }] }]);
  const [client, server] = decodeZipkinV1Json(body);
  assert.deepEqual([client!.kind, client!.shared, server!.kind, server!.shared], [SpanKind.CLIENT, false, SpanKind.SERVER, true]);
  assert.equal(client!.spanId, server!.spanId);
  assert.notEqual(client!.resource, server!.resource);
});
