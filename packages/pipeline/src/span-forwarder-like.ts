import type { Span } from '@skein/model';

/**
 * What the pipeline needs of a forwarder (declared here so the pipeline does not depend on
 * @skein/exporters; its SpanForwarder satisfies it).
 */
export interface SpanForwarderLike {
  /** Queues spans; false when full (nothing queued, and the forwarder counts the drop). */
  forward(spans: readonly Span[]): boolean;
  /** Whether `spans` more spans would be queued now. */
  hasRoomFor(spans: number): boolean;
  /** Stops accepting, sends what it can within `timeoutMs`, counts the rest as dropped. */
  close(timeoutMs: number): Promise<void>;
}

/** How long `IngestPipeline.close()` lets forwarders send what they hold. */
export const DEFAULT_FORWARDER_CLOSE_TIMEOUT_MS = 5_000;
