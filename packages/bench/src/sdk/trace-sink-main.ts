/**
 * A trace sink that accepts and discards: `POST /v1/traces` → 200 with an empty
 * ExportTraceServiceResponse, counting requests, bytes and spans; `GET /stats` → those counts as
 * JSON. Runs as its own child process (started by trace-sink.ts) so the server under test pays
 * only for exporting, never for receiving. Tells the parent its port over IPC.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { countOtlpJsonSpans, countOtlpProtobufSpans } from './count-otlp-spans.js';
import type { SinkStats } from './trace-sink.js';

const stats = { requests: 0, spans: 0, bytes: 0, rejected: 0 };

function receive(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      let body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      stats.bytes += body.byteLength;
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const json = (req.headers['content-type'] ?? '').includes('json');
      stats.spans += json ? countOtlpJsonSpans(body) : countOtlpProtobufSpans(body);
      stats.requests++;
      // An empty message is a valid ExportTraceServiceResponse in both encodings.
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' }).end(json ? '{}' : '');
    } catch (err) {
      stats.rejected++;
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/v1/traces') return receive(req, res);
  if (req.method === 'GET' && req.url === '/stats') {
    const body: SinkStats = { ...stats };
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
// The parent going away (even by kill -9) closes the IPC channel: stop with it.
process.on('disconnect', () => process.exit(0));
