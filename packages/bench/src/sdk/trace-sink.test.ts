import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { makeRealisticSpans } from '@skein/node/export/bench-support';
import { encodeOtlpProtobuf } from '@skein/node/export/otlp/encode-otlp-protobuf';
import { TraceSink } from './trace-sink.js';

describe('TraceSink', () => {
  it('answers OTLP/HTTP exports with 200 and counts their spans, plain or gzipped; 400 for garbage', async () => {
    const sink = await TraceSink.start();
    try {
      const body = encodeOtlpProtobuf(makeRealisticSpans(5));
      const post = (data: Uint8Array, headers: Record<string, string>) => fetch(`${sink.endpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', ...headers }, body: data });
      assert.equal((await post(body, {})).status, 200);
      assert.equal((await post(gzipSync(body), { 'content-encoding': 'gzip' })).status, 200);
      assert.equal((await post(Uint8Array.of(0x0b, 0x01), {})).status, 400);
      assert.deepEqual(await sink.stats(), { requests: 2, spans: 10, bytes: body.length + gzipSync(body).length + 2, rejected: 1 });
    } finally {
      await sink.stop();
    }
  });
});
