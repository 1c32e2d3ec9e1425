import type { ResultRow } from '../report/results-table.js';
import {
  ENCODE_TARGET_NS,
  formatLoss,
  formatNs,
  HTTP_LOSS_TARGET,
  isTraced,
  ratioText,
  SPAN_TARGET_NS,
  type SdkBenchResults,
  type SdkComparison,
  type SdkHttpResults,
} from './sdk-bench-results.js';
import type { ServerApp } from './server-variant.js';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const cpuLoss = (loss: number | undefined): string => (loss === undefined || !Number.isFinite(loss) ? 'n/a' : formatLoss(loss));

function microRow(metric: string, c: SdkComparison, targetNs: number, unit: string, how: string): ResultRow {
  const target = `≤ ${formatNs(targetNs)}${unit}`;
  if (!c.skein || !c.otel || c.error !== undefined) return { metric, value: 'n/a', target, meetsTarget: false, note: `FAILED: ${c.error ?? 'no measurement'}` };
  return {
    metric,
    value: `${formatNs(c.skein.nsPerSpan)}${unit}`,
    target,
    meetsTarget: c.skein.nsPerSpan <= targetNs,
    note: `${how}; OpenTelemetry JS ${formatNs(c.otel.nsPerSpan)}${unit} in the same run (${ratioText(c.skein.nsPerSpan, c.otel.nsPerSpan, 'faster', 'slower')}); ${int(c.skein.bytesPerSpan)} vs ${int(c.otel.bytesPerSpan)} B allocated per span`,
  };
}

function httpRow(http: SdkHttpResults, app: ServerApp): ResultRow[] {
  const of = (variant: string) => http.variants.find((v) => v.app === app && v.variant === variant);
  const bare = of('bare');
  const skein = of('skein');
  const otel = of('otel');
  if (!bare || !skein || !otel) return [];
  const metric = `SDK: hello-world ${app} throughput loss, auto-instrumentation + export`;
  const target = `≤ ${HTTP_LOSS_TARGET * 100} %`;
  const failed = [bare, skein, otel].find((v) => v.error !== undefined);
  if (failed) return [{ metric, value: 'n/a', target, meetsTarget: false, note: `FAILED (${failed.variant}): ${failed.error!.split('\n')[0]}` }];
  const untraced = isTraced(skein) ? '' : `; NOT TRACED: the sink got ${skein.spansPerRequest.toFixed(2)} spans per request`;
  const otelNote = `OpenTelemetry JS ${int(otel.requestsPerSecond)} req/s (${formatLoss(otel.loss ?? NaN)}${isTraced(otel) ? '' : ', NOT TRACED'})`;
  return [
    {
      metric,
      value: formatLoss(skein.loss ?? NaN),
      target,
      meetsTarget: (skein.loss ?? Infinity) <= HTTP_LOSS_TARGET && isTraced(skein),
      note: `bare ${int(bare.requestsPerSecond)} req/s, @skein/node ${int(skein.requestsPerSecond)}, ${otelNote}; median of ${http.rounds} interleaved ${http.seconds} s runs, ${http.connections} connections; by server CPU per request ${cpuLoss(skein.cpuLoss)} vs ${cpuLoss(otel.cpuLoss)}${untraced}`,
    },
  ];
}

/** The SDK phase's rows in the README table: DESIGN.md's three SDK targets, per server app. */
export function sdkResultRows(sdk: SdkBenchResults | undefined): ResultRow[] {
  if (sdk === undefined) return [];
  if (sdk.status === 'skipped') return [{ metric: 'SDK: @skein/node vs OpenTelemetry JS', value: 'n/a', target: '—', meetsTarget: undefined, note: `SKIPPED: ${sdk.reason}` }];
  const rows: ResultRow[] = [];
  if (sdk.micro) {
    const m = sdk.micro;
    rows.push(microRow('SDK: span start + end + queue', m.sampledSpan, SPAN_TARGET_NS, '', `start + 3 attributes + end into a BatchSpanProcessor, best of ${m.rounds} runs of ${int(m.spansPerRun)} spans`));
    rows.push(microRow('SDK: OTLP protobuf encode', m.encode, ENCODE_TARGET_NS, '/span', `${m.encodeSpansPerRequest} realistic spans (~10 attributes) per request, best of ${m.rounds} runs`));
  }
  if (sdk.http) for (const app of new Set(sdk.http.variants.map((v) => v.app))) rows.push(...httpRow(sdk.http, app));
  return rows;
}
