import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '../export/suppress-tracing.js';

export type FetchJsonResult = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: string };

/** Strategy documents are tiny; anything bigger is not one. */
const MAX_BODY_BYTES = 1 << 20;

/**
 * GET a JSON document for the SDK's own use. Never rejects. Runs with tracing suppressed (our
 * HTTP instrumentation must not trace the SDK's own polling) and on an unref'd socket, so a
 * poll in flight never keeps a finished application alive.
 */
export function fetchJson(url: URL, timeoutMs: number): Promise<FetchJsonResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: FetchJsonResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    try {
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = context.with(suppressTracing(context.active()), () =>
        request(url, { method: 'GET', headers: { accept: 'application/json' }, timeout: timeoutMs }, (res) => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            res.resume();
            settle({ ok: false, error: `HTTP ${status}` });
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              settle({ ok: false, error: `response larger than ${MAX_BODY_BYTES} bytes` });
              req.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            try {
              settle({ ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
            } catch {
              settle({ ok: false, error: 'the response is not JSON' });
            }
          });
          res.on('error', (err) => settle({ ok: false, error: err.message }));
        }),
      );
      req.on('socket', (socket) => socket.unref());
      req.on('timeout', () => {
        settle({ ok: false, error: `no response within ${timeoutMs} ms` });
        req.destroy();
      });
      req.on('error', (err) => settle({ ok: false, error: err.message }));
      req.end();
    } catch (err) {
      settle({ ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
