import type { DecodeThroughput } from '../measure/decode-baseline.js';
import type { WireDecodeMeasurement } from '../phases/wire-decode-phase.js';
import type { Machine } from '../measure/machine.js';
import type { TraceByIdLatency, SearchLatency } from '../measure/query-latency.js';
import type { LatencySummary } from '../measure/stats.js';
import type { UiBenchResults } from '../ui/ui-bench-results.js';
import type { SdkBenchResults } from '../sdk/sdk-bench-results.js';

/** One ingest run over real HTTP into the real server. */
export interface IngestMeasurement {
  readonly format: 'protobuf' | 'json';
  readonly spansPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly acceptedSpans: number;
  readonly rejectedSpans: number;
  readonly requestsSent: number;
  readonly acknowledgedRequests: number;
  readonly retries: number;
  readonly failures: Record<string, number>;
  readonly seconds: number;
  readonly requestLatency: LatencySummary;
  /** CPU seconds the server and the bench process spent during the run (the box has few cores to share). */
  readonly serverCpuSeconds: number;
  readonly benchCpuSeconds: number;
  /** CPU seconds everything else on the machine used meanwhile (0 on a quiet machine). */
  readonly otherProcessesCpuSeconds: number;
}

/** Everything one `npm run bench` measured; written to results/latest.json as is. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly machine: Machine;
  readonly settings: {
    readonly protobufSpans: number;
    readonly jsonSpans: number;
    readonly concurrency: number;
    readonly maxSpansPerRequest: number;
    readonly meanSpansPerRequest: number;
    readonly templatesPerFormat: number;
    readonly protobufBytesPerSpan: number;
    readonly jsonBytesPerSpan: number;
    readonly dataDir: string;
  };
  readonly decode: { readonly protobuf: DecodeThroughput; readonly json: DecodeThroughput };
  /** Every receiver's decoder on the same spans. */
  readonly wireDecode: readonly WireDecodeMeasurement[];
  readonly ingest: { readonly protobuf: IngestMeasurement; readonly json: IngestMeasurement };
  readonly storage: {
    readonly acceptedSpans: number;
    /** skein_store_spans just before shutdown. */
    readonly storedSpans: number | undefined;
    readonly diskBytes: number;
    readonly allocatedDiskBytes: number;
    readonly bytesPerSpan: number;
    readonly shutdownMs: number;
  };
  readonly memory: { readonly serverPeakRssBytes: number; readonly benchPeakRssBytes: number };
  readonly queries: {
    readonly storedSpans: number;
    readonly firstLookupAfterRestartMs: number;
    /** Set when the first lookup did not return the whole trace. */
    readonly firstLookupWrong?: string;
    readonly traceByIdSkein: TraceByIdLatency;
    readonly traceByIdJaeger: TraceByIdLatency;
    readonly search: SearchLatency;
  };
  /** The UI phase (headless Chromium); absent in results written before it existed. */
  readonly ui?: UiBenchResults;
  /** The SDK phase (@skein/node vs OpenTelemetry JS); absent in results written before it existed. */
  readonly sdk?: SdkBenchResults;
  readonly totalSeconds: number;
}
