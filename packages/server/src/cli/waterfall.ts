import type { SkeinSpanJson, TraceSummary } from '@skein/query';
import { formatDuration } from '@skein/model';

export interface WaterfallOptions {
  /** Total line width to aim for (terminal columns). */
  readonly width: number;
  readonly color: boolean;
}

interface Node {
  readonly span: SkeinSpanJson;
  readonly children: Node[];
}

/**
 * A trace as an indented tree with a timing bar per span, for `skein trace <id>`. Spans whose
 * parent has not arrived are shown at the top level; a Zipkin server half that shares its
 * client's span id is shown under that client span.
 */
export function renderWaterfall(summary: TraceSummary, spans: readonly SkeinSpanJson[], opts: WaterfallOptions): string {
  const roots = buildTree(spans);
  const start = BigInt(summary.startTimeUnixNano);
  const total = BigInt(summary.durationNanos) > 0n ? BigInt(summary.durationNanos) : 1n;
  const barWidth = Math.max(10, Math.min(50, Math.floor(opts.width * 0.35)));
  const labelWidth = Math.max(30, opts.width - barWidth - 12);
  const paint = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);

  const header = [
    `Trace ${summary.traceId}`,
    new Date(Number(start / 1_000_000n)).toISOString(),
    formatDuration(BigInt(summary.durationNanos)),
    `${summary.spanCount} span${summary.spanCount === 1 ? '' : 's'}`,
    `${summary.services.length} service${summary.services.length === 1 ? '' : 's'} (${summary.services.map((s) => s.name).join(', ')})`,
    summary.errorCount > 0 ? paint('31', `${summary.errorCount} error${summary.errorCount === 1 ? '' : 's'}`) : '0 errors',
  ].join('  ·  ');
  const lines = [header, ''];

  const visit = (node: Node, prefix: string, childPrefix: string) => {
    const s = node.span;
    const isError = s.status.code === 'error';
    const mark = isError ? ` ✗${s.status.message ? ` ${s.status.message}` : ''}` : '';
    const label = clip(`${prefix}${s.name} · ${s.serviceName} ${s.kind}${mark}`, labelWidth);
    const offset = BigInt(s.startTimeUnixNano) - start;
    const duration = BigInt(s.durationNanos);
    const from = clamp(Math.floor((Number(offset) / Number(total)) * barWidth), 0, barWidth - 1);
    const len = clamp(Math.round((Number(duration) / Number(total)) * barWidth), 1, barWidth - from);
    const bar = ' '.repeat(from) + '█'.repeat(len) + ' '.repeat(barWidth - from - len);
    const labelText = label.padEnd(labelWidth);
    lines.push(`${isError ? paint('31', labelText) : labelText} ${formatDuration(duration).padStart(9)} │${paint(isError ? '31' : '36', bar)}│`);
    node.children.forEach((c, i) => {
      const last = i === node.children.length - 1;
      visit(c, childPrefix + (last ? '└─ ' : '├─ '), childPrefix + (last ? '   ' : '│  '));
    });
  };
  for (const r of roots) visit(r, '', '');
  return lines.join('\n');
}

export function buildTree(spans: readonly SkeinSpanJson[]): Node[] {
  const byStart = [...spans].sort((a, b) => cmpBig(a.startTimeUnixNano, b.startTimeUnixNano) || a.spanId.localeCompare(b.spanId));
  const nodes = byStart.map((span) => ({ span, children: [] as Node[] }));
  // The non-shared span owns the id; a shared (Zipkin server) half hangs under it.
  const owner = new Map<string, Node>();
  for (const n of nodes) if (!n.span.shared && !owner.has(n.span.spanId)) owner.set(n.span.spanId, n);
  for (const n of nodes) if (!owner.has(n.span.spanId)) owner.set(n.span.spanId, n);
  const roots: Node[] = [];
  for (const n of nodes) {
    const sameIdOwner = owner.get(n.span.spanId);
    const parent = n.span.shared && sameIdOwner && sameIdOwner !== n ? sameIdOwner : n.span.parentSpanId ? owner.get(n.span.parentSpanId) : undefined;
    if (parent && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

const cmpBig = (a: string, b: string): number => {
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));
const clip = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s);
