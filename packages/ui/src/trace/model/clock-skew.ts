import { formatDuration } from '../../shared/format.js';

interface Timed {
  readonly start: number;
  readonly end: number;
  readonly span: { readonly kind: string };
}

/**
 * Clock skew: a child that starts before its parent, or ends after it. The times are shown as
 * recorded (never shifted, unlike jaeger-ui's adjuster); this only explains what looks wrong.
 *
 * A consumer span, or any child of a producer span, may legitimately end after its parent (the
 * message is handled after the send returned), so only its start is checked.
 */
export function describeSkew(parent: Timed, child: Timed): string | undefined {
  const reasons: string[] = [];
  if (child.start < parent.start) reasons.push(`starts ${formatDuration(parent.start - child.start)} before its parent`);
  const asynchronous = child.span.kind === 'consumer' || parent.span.kind === 'producer';
  if (!asynchronous && child.end > parent.end) reasons.push(`ends ${formatDuration(child.end - parent.end)} after its parent`);
  if (reasons.length === 0) return undefined;
  return `Clock skew: this span ${reasons.join(' and ')}. Times are shown as recorded; the hosts' clocks probably disagree.`;
}
