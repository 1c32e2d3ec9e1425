import type { Span } from '@skein/model';

/**
 * Spans waiting to be forwarded, kept as the arrays they were handed over in (no copy per
 * request), and taken out in batches of at most `max` spans. Unlike the store's group commit,
 * a forwarded request may be split across batches: nobody waits on it as a whole.
 */
export class SpanBatchQueue {
  private chunks: Array<readonly Span[]> = [];
  /** Spans of chunks[0] already taken. */
  private offset = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(spans: readonly Span[]): void {
    if (spans.length === 0) return;
    this.chunks.push(spans);
    this.count += spans.length;
  }

  /** Removes and returns up to `max` spans (max ≥ 1), oldest first. */
  take(max: number): readonly Span[] {
    const first = this.chunks[0];
    if (!first) return [];
    // The common case, one request that fits whole: hand its array over as is.
    if (this.offset === 0 && first.length <= max && (this.chunks.length === 1 || first.length + this.chunks[1]!.length > max)) {
      this.chunks.shift();
      this.count -= first.length;
      return first;
    }
    const batch: Span[] = [];
    while (batch.length < max && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const n = Math.min(max - batch.length, chunk.length - this.offset);
      for (let i = 0; i < n; i++) batch.push(chunk[this.offset + i]!);
      this.offset += n;
      if (this.offset === chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.count -= batch.length;
    return batch;
  }

  /** Empties the queue, returning how many spans it held. */
  clear(): number {
    const n = this.count;
    this.chunks = [];
    this.offset = 0;
    this.count = 0;
    return n;
  }
}
