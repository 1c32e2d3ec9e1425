import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The body as sent (still compressed when content-encoding is gzip). */
  readonly rawBody: Buffer;
  /** The body after gunzip, when it was gzipped. */
  readonly body: Buffer;
}

export interface ScriptedResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Destroy the socket instead of answering (a network error for the client). */
  readonly hangUp?: boolean;
  /** Never answer (the client must time out). */
  readonly stall?: boolean;
}

export interface CaptureServer {
  /** http://127.0.0.1:port */
  readonly origin: string;
  readonly requests: CapturedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that records each request and answers from `script` in order
 * (the last entry repeats). For exporter tests.
 */
export async function startCaptureServer(script: ScriptedResponse[] = [{ status: 200 }]): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const stalled: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(rawBody) : rawBody;
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, body });
      const answer = script[Math.min(requests.length - 1, script.length - 1)]!;
      if (answer.hangUp) {
        req.socket.destroy();
        return;
      }
      if (answer.stall) {
        stalled.push(res);
        return;
      }
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
