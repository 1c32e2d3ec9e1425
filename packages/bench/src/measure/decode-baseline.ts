import type { Span } from '@skein/model';

export interface DecodeThroughput {
  readonly spansPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly seconds: number;
}

/**
 * How fast `decode` turns the very request bodies the ingest run sends into spans, on one core in
 * this process: the ceiling for a single-threaded server that must at least decode every request.
 */
export function measureDecodeThroughput(bodies: readonly Uint8Array[], decode: (body: Uint8Array) => Span[], seconds: number): DecodeThroughput {
  const spanCounts = bodies.map((b) => decode(b).length);
  const warmUpUntil = performance.now() + Math.min(1000, seconds * 250);
  for (let i = 0; performance.now() < warmUpUntil; i++) decode(bodies[i % bodies.length]!);
  let spans = 0;
  let bytes = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  for (let i = 0; performance.now() < until; i++) {
    const k = i % bodies.length;
    decode(bodies[k]!);
    spans += spanCounts[k]!;
    bytes += bodies[k]!.byteLength;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { spansPerSecond: spans / elapsed, megabytesPerSecond: bytes / 1e6 / elapsed, seconds: elapsed };
}
