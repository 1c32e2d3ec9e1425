import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Span } from '@skein/model';
import { decodeOtlpProtobuf } from '@skein/wire';

export interface ReceivedExport {
  readonly headers: IncomingHttpHeaders;
  /** The body as sent (still compressed when content-encoding says so). */
  readonly rawBody: Buffer;
  readonly spans: Span[];
  /** performance.now() when the request arrived. */
  readonly at: number;
}

/** Answers one request; the default answers 200 with an empty ExportTraceServiceResponse. */
export type SinkResponder = (res: ServerResponse, req: ReceivedExport) => void;

export interface OtlpSinkServer {
  readonly url: string;
  readonly received: ReceivedExport[];
  /** Responders used in order for the next requests; after them, 200. */
  respondWith(...responders: SinkResponder[]): void;
  /** Resolves once `n` requests have arrived in total. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export const ok: SinkResponder = (res) => void res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();

export const status =
  (code: number, headers: Record<string, string> = {}, body = ''): SinkResponder =>
  (res) =>
    void res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(body);

/**
 * A real OTLP/HTTP endpoint on 127.0.0.1 (node:http, ephemeral port) for forwarder tests: it
 * records every request, decoded as the real receiver would, and answers as scripted.
 */
export async function startOtlpSink(): Promise<OtlpSinkServer> {
  const received: ReceivedExport[] = [];
  const script: SinkResponder[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const plain = req.headers['content-encoding'] === 'gzip' ? gunzipSync(rawBody) : rawBody;
      const r: ReceivedExport = { headers: req.headers, rawBody, spans: decodeOtlpProtobuf(plain), at: performance.now() };
      received.push(r);
      (script.shift() ?? ok)(res, r);
      for (const w of waiters.filter((w) => received.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    received,
    respondWith: (...responders) => void script.push(...responders),
    waitForRequests: (n) => (received.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
