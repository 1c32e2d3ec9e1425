import { attr, int, makeSpan, str, type Span } from '@skein/model';
import { DuckDbTraceStore } from './duckdb-trace-store.js';

/**
 * Child process for the kill -9 test (duckdb-crash.test.ts): writes batches forever and prints
 * the number of each batch once its writeBatch has resolved. The parent kills it with SIGKILL
 * at a moment of its choosing and checks that every printed batch survived.
 */
export const SPANS_PER_TRACE = 10;
export const TRACES_PER_BATCH = 50;

export const crashTraceId = (batch: number, trace: number): string => `dead${batch.toString(16).padStart(20, '0')}${trace.toString(16).padStart(8, '0')}`;

export function crashBatch(batch: number): Span[] {
  const spans: Span[] = [];
  const base = 1_700_000_000_000_000_000n + BigInt(batch) * 1_000_000_000n;
  for (let t = 0; t < TRACES_PER_BATCH; t++) {
    for (let s = 0; s < SPANS_PER_TRACE; s++) {
      const start = base + BigInt(t * 1000 + s);
      spans.push(
        makeSpan({
          traceId: crashTraceId(batch, t),
          spanId: (s + 1).toString(16).padStart(16, '0'),
          parentSpanId: s === 0 ? '' : '0000000000000001',
          name: `op-${s}`,
          startTimeUnixNano: start,
          endTimeUnixNano: start + 1000n,
          attributes: [attr('batch', int(batch)), attr('payload', str('x'.repeat(200)))],
          resource: { attributes: [attr('service.name', str(`svc-${t % 3}`))], droppedAttributesCount: 0 },
        }),
      );
    }
  }
  return spans;
}

async function main(dir: string, firstBatch: number): Promise<void> {
  // A small checkpoint threshold so kills also land during checkpoints, not only WAL appends.
  const store = await DuckDbTraceStore.open({ path: dir, checkpointThreshold: '2MB' });
  for (let batch = firstBatch; ; batch++) {
    await store.writeBatch(crashBatch(batch));
    process.stdout.write(`${batch}\n`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv[2]) {
  main(process.argv[2], Number(process.argv[3] ?? 0)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
