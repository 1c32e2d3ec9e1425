/** The two SDKs the micro-benchmarks compare. */
export type SdkName = 'skein' | 'otel';

/** One measurement, run alone in a fresh child process (micro-child.ts). */
export type MicroJob =
  | { readonly kind: 'span'; readonly sdk: SdkName; readonly sampled: boolean; readonly warmupSpans: number; readonly spans: number }
  | { readonly kind: 'encode'; readonly sdk: SdkName; readonly spansPerRequest: number; readonly warmupRequests: number; readonly requests: number };

/** What one child measured. */
export interface MicroRun {
  readonly nsPerSpan: number;
  /** JS heap bytes allocated per span during the timed loop, garbage included (AllocationMeter). */
  readonly bytesPerSpan: number;
  /** Encode jobs: the request's size on the wire, per span. */
  readonly encodedBytesPerSpan?: number;
}
