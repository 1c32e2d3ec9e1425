import { formatDuration } from '@skein/model';
import type { TraceSummary } from '@skein/query';

/** Search results as an aligned table for `skein traces`. */
export function renderTracesTable(traces: readonly TraceSummary[]): string {
  if (traces.length === 0) return 'No traces found.';
  const rows = traces.map((t) => [
    t.traceId,
    new Date(Number(BigInt(t.startTimeUnixNano) / 1_000_000n)).toISOString().replace('T', ' ').replace('Z', ''),
    formatDuration(BigInt(t.durationNanos)),
    String(t.spanCount),
    t.errorCount > 0 ? String(t.errorCount) : '-',
    `${t.rootServiceName}: ${t.rootName}`,
    t.services.map((s) => `${s.name}(${s.spanCount})`).join(' '),
  ]);
  const head = ['TRACE ID', 'START (UTC)', 'DURATION', 'SPANS', 'ERRORS', 'ROOT', 'SERVICES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([2, 3, 4]);
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}
