import http from 'node:http';

export interface PostResult {
  readonly status: number;
  readonly body: Buffer;
  readonly retryAfterSeconds: number | undefined;
}

const REQUEST_TIMEOUT_MS = 120_000;

/** One POST over a (keep-alive) agent, resolving once the whole response body has arrived. */
export function post(url: URL, agent: http.Agent, contentType: string, body: Buffer): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': body.byteLength }, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const retryAfter = Number(res.headers['retry-after']);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS / 1000}s`)));
    req.on('error', reject);
    req.end(body);
  });
}
