import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { manifestEntry, wireManifest } from '@skein/testkit';
import { describeRunning } from '../cli/all-in-one.js';
import { getJson, startTestSkein } from './harness.js';
import { parentNamesOf, serviceOf, waitForJaegerTrace } from './read-back.js';
import { grpcCall, sendFixture, sendUdp } from './send-wire.js';

/** Manifest trace ids: X-Ray's `1-{8}-{24}` form becomes the 32-hex id the APIs use. */
const apiTraceId = (id: string) => id.replace(/^1-([0-9a-f]{8})-([0-9a-f]{24})$/, '$1$2');

/**
 * Every real client payload in the fixtures, sent over its own transport (HTTP, UDP, gRPC) to
 * its own receiver of one running Skein (real DuckDB store), then read back through the Jaeger
 * API: every span the manifest names, with its parent and service.
 */
describe('every wire fixture through its own receiver, read back through the Jaeger API', () => {
  let skein: Awaited<ReturnType<typeof startTestSkein>>;
  before(async () => {
    skein = await startTestSkein();
  });
  after(() => skein.stop());

  for (const { file } of wireManifest()) {
    test(file, async () => {
      const { entry, outcome } = await sendFixture(skein.urls, file);
      assert.match(outcome, /^(200|202|sent|grpc 0)\b/, `${file} was refused: ${outcome}`);
      const expected = entry.sameAs ? manifestEntry(`${entry.sameAs}.bin`) : entry;
      const spans = expected.spans ?? [];
      const t = await waitForJaegerTrace(skein.urls.query, apiTraceId(entry.traceId), Math.max(1, spans.length));
      for (const s of spans) {
        const parents = parentNamesOf(t, s.name);
        assert.ok(parents.length > 0, `${file}: span "${s.name}" missing; got ${t.spans.map((x) => x.operationName).join(', ')}`);
        assert.ok(parents.includes(s.parent), `${file}: "${s.name}" should be under ${s.parent ?? 'nothing'}, is under ${parents.join(', ')}`);
      }
      const services = entry.services ?? (expected.resource ? [expected.resource['service.name'] as string] : []);
      for (const service of services) assert.ok(t.spans.some((s) => serviceOf(t, s) === service), `${file}: service ${service}`);
    });
  }

  test('bad datagrams and calls are refused or counted, and the receivers keep working', async () => {
    await sendUdp(skein.urls.xray, Buffer.from('{"format":"json","version":1}\nnot json'));
    await sendUdp(skein.urls.jaegerCompact, Buffer.from([0x82, 0x21, 0x01, 0x09]));
    await sendUdp(skein.urls.jaegerBinary, Buffer.alloc(65_100, 1)); // beyond 65,000 bytes
    const bad = await grpcCall(skein.urls.otlpGrpc, '/opentelemetry.proto.collector.trace.v1.TraceService/Export', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]));
    assert.equal(bad.code, 3, `INVALID_ARGUMENT, got ${bad.code} ${bad.details}`);
    assert.match(bad.details, /SKEIN_ERR_/);
    const deadline = Date.now() + 10_000;
    let metrics = '';
    const udpDrops = () => [...metrics.matchAll(/^skein_udp_datagrams_total\{receiver="([^"]+)",outcome="(SKEIN_ERR_[A-Z_]+)"\} (\d+)/gm)].map((m) => m[1]);
    while (Date.now() < deadline) {
      metrics = await (await fetch(`${skein.urls.query}/metrics`)).text();
      if (new Set(udpDrops()).size >= 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(new Set(udpDrops()), new Set(['xray-udp', 'jaeger-udp-compact-port', 'jaeger-udp-binary-port']), metrics.split('\n').filter((l) => l.startsWith('skein_udp')).join('\n'));
    // Still serving: the fixture goes through after the junk.
    const again = await sendFixture(skein.urls, 'xray.bin');
    assert.equal(again.outcome, 'sent');
    const { status } = await getJson(`${skein.urls.query}/livez`);
    assert.equal(status, 200);
  });
});

describe('receivers can be switched off one by one', () => {
  test('--xray-port off and --otlp-grpc-port off: those two are not listening, the rest is', async () => {
    const skein = await startTestSkein({ 'xray-port': 'off', 'otlp-grpc-port': 'off' });
    try {
      const urls = skein.urls as Partial<typeof skein.urls>;
      assert.equal(urls.xray, undefined);
      assert.equal(urls.otlpGrpc, undefined);
      assert.ok(urls.jaegerCompact && urls.otlpHttp && urls.zipkin && urls.jaegerGrpc && urls.sampling);
      const printed = describeRunning(skein);
      assert.doesNotMatch(printed, /X-Ray|OTLP\/gRPC/);
      assert.match(printed, /Jaeger agent \(compact\): +udp:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await skein.stop();
    }
  });
});
