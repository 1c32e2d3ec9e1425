import * as http from 'node:http';
import * as https from 'node:https';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '../suppress-tracing.js';

export interface HttpResponseData {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** At most MAX_RESPONSE_BYTES of the body: exporters only read small status bodies. */
  readonly body: Buffer;
}

/** Response bodies are read up to this size; anything beyond is discarded, not buffered. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export class RequestTimeoutError extends Error {
  constructor(timeoutMillis: number) {
    super(`request timed out after ${timeoutMillis} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * One POST with node:http(s), never traced: it runs in a context with tracing suppressed, so
 * neither our diagnostics_channel instrumentation nor OpenTelemetry's http instrumentation
 * records the exporter's own traffic. Rejects on network errors and after `timeoutMillis`.
 */
export function sendRequest(
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: Uint8Array,
  timeoutMillis: number,
  agent: http.Agent | undefined,
): Promise<HttpResponseData> {
  return context.with(suppressTracing(context.active()), () => new Promise<HttpResponseData>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (error: Error | undefined, response?: HttpResponseData): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response!);
    };
    const request = transport.request(
      url,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(body.byteLength) }, ...(agent ? { agent } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) {
            chunks.push(chunk);
            size += chunk.length;
          }
        });
        response.on('end', () => {
          finish(undefined, { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES) });
        });
        response.on('error', (error) => finish(error));
        response.on('close', () => {
          if (!response.complete) finish(new Error('connection closed before the response ended'));
        });
      },
    );
    const timer = setTimeout(() => {
      const error = new RequestTimeoutError(timeoutMillis);
      finish(error);
      request.destroy(error);
    }, Math.max(0, timeoutMillis));
    request.on('error', (error) => finish(error));
    request.end(body);
  }));
}
