import http from 'node:http';

export interface TimedResponse {
  readonly ms: number;
  readonly status: number;
  readonly body: string;
}

/** A GET timed from sending to the last byte of the response (parsing the JSON is not counted). */
export function timedGet(url: string, agent: http.Agent): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
  });
}
