import { get } from 'node:http';

/** A downstream service answered, but not with a 2xx. */
export class DownstreamError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url} answered ${status}`);
    this.name = 'DownstreamError';
  }
}

const TIMEOUT_MS = 30_000;

/** GET a JSON document with fetch (undici): the SDK's fetch instrumentation makes the client span. */
export async function getJsonWithFetch(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  // Read the body in every case: the client span ends when the response has been consumed.
  const text = await res.text();
  if (!res.ok) throw new DownstreamError(url, res.status);
  return JSON.parse(text);
}

/** GET a JSON document with node:http: the SDK's http client instrumentation makes the client span. */
export function getJsonWithHttp(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) return reject(new DownstreamError(url, status));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
  });
}
