import { DEFAULT_GROUP_COMMIT_OPTIONS, DEFAULT_SPAN_LIMITS, GroupCommitter, IngestPipeline } from '@skein/pipeline';
import { MemoryTraceStore } from '@skein/store';
import type { ReceiverObserver } from '../http/receiver-observer.js';

/**
 * For receiver tests: the real pipeline (validation, limits, group commit) over the in-memory
 * store, and an observer that records every request outcome.
 */
export function memoryPipeline(): { pipeline: IngestPipeline; store: MemoryTraceStore; outcomes: Array<[string, string]>; observer: ReceiverObserver } {
  const store = new MemoryTraceStore();
  const pipeline = new IngestPipeline(new GroupCommitter((spans) => store.writeBatch(spans), DEFAULT_GROUP_COMMIT_OPTIONS), DEFAULT_SPAN_LIMITS);
  const outcomes: Array<[string, string]> = [];
  return { pipeline, store, outcomes, observer: { onRequest: (receiver, outcome) => void outcomes.push([receiver, outcome]) } };
}
