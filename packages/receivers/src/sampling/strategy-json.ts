import type { SamplingStrategyResponse } from './sampling-strategies.js';

/**
 * How `strategyType` is written. Jaeger serves names (`"PROBABILISTIC"`) on `/sampling` and
 * `/api/sampling`: its jsonpb encoding, made to match the Thrift 0.9.3 JSON clients were built
 * against (jaeger internal/uimodel/converter/v1/json/sampling.go). The agent's legacy `/` served
 * the Thrift 0.9.2 numeric codes (PROBABILISTIC = 0, RATE_LIMITING = 1) for the oldest clients
 * (jaeger pkg/clientcfg/clientcfghttp/handler.go, encodeThriftEnums092).
 */
export type StrategyTypeEncoding = 'names' | 'numbers';

const NUMBERS = { PROBABILISTIC: 0, RATE_LIMITING: 1 } as const;

/**
 * The response body as Jaeger writes it: fields in proto order, every field of
 * `operationSampling` present even when zero (jsonpb with EmitDefaults: the Node jaeger-client
 * asserts `defaultLowerBoundTracesPerSecond` is a number), absent strategies left out.
 */
export function strategyResponseJson(r: SamplingStrategyResponse, encoding: StrategyTypeEncoding): string {
  const out: Record<string, unknown> = { strategyType: encoding === 'numbers' ? NUMBERS[r.strategyType] : r.strategyType };
  if (r.probabilisticSampling) out.probabilisticSampling = { samplingRate: r.probabilisticSampling.samplingRate };
  if (r.rateLimitingSampling) out.rateLimitingSampling = { maxTracesPerSecond: r.rateLimitingSampling.maxTracesPerSecond };
  const ops = r.operationSampling;
  if (ops)
    out.operationSampling = {
      defaultSamplingProbability: ops.defaultSamplingProbability,
      defaultLowerBoundTracesPerSecond: ops.defaultLowerBoundTracesPerSecond,
      perOperationStrategies: ops.perOperationStrategies.map((o) => ({ operation: o.operation, probabilisticSampling: { samplingRate: o.probabilisticSampling.samplingRate } })),
      defaultUpperBoundTracesPerSecond: ops.defaultUpperBoundTracesPerSecond,
    };
  return JSON.stringify(out);
}
