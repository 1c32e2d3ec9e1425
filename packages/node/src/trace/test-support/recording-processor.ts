import type { Context } from '@opentelemetry/api';
import type { FinishedSpan } from '../finished-span.js';
import type { SpanProcessor } from '../span-processor.js';

/** Test helper: remembers every span it sees and counts the lifecycle calls. */
export class RecordingProcessor implements SpanProcessor {
  readonly started: FinishedSpan[] = [];
  readonly startContexts: Context[] = [];
  readonly ended: FinishedSpan[] = [];
  forceFlushCalls = 0;
  shutdownCalls = 0;

  onStart(span: FinishedSpan, parentContext: Context): void {
    this.started.push(span);
    this.startContexts.push(parentContext);
  }

  onEnd(span: FinishedSpan): void {
    this.ended.push(span);
  }

  forceFlush(): Promise<void> {
    this.forceFlushCalls++;
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.shutdownCalls++;
    return Promise.resolve();
  }
}
