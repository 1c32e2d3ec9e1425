/**
 * A Jaeger sampling strategy (jaeger-idl api_v2/sampling.proto, SamplingStrategyResponse),
 * reduced to what a client acts on.
 */
export type JaegerStrategy =
  | { readonly type: 'probabilistic'; readonly samplingRate: number }
  | { readonly type: 'ratelimiting'; readonly maxTracesPerSecond: number }
  | {
      readonly type: 'perOperation';
      readonly defaultSamplingProbability: number;
      readonly defaultLowerBoundTracesPerSecond: number;
      readonly operations: ReadonlyArray<{ readonly operation: string; readonly samplingRate: number }>;
    };

export type ParsedStrategy = { readonly ok: true; readonly strategy: JaegerStrategy } | { readonly ok: false; readonly error: string };

/**
 * Reads a strategy response in every JSON form servers send: Jaeger's `/api/sampling` and the
 * agent's `/sampling` (proto-JSON, `strategyType` as "PROBABILISTIC" / "RATE_LIMITING"), the
 * agent's legacy `/` (Thrift JSON, `strategyType` as 0 / 1), and proto-JSON as any proto3
 * encoder may write it: snake_case names, default values left out (so a missing strategyType
 * means PROBABILISTIC), numbers as strings.
 *
 * As in Jaeger's clients, per-operation sampling wins when the response carries operations;
 * otherwise `strategyType` picks probabilistic or rate limiting.
 */
export function parseJaegerStrategy(body: unknown): ParsedStrategy {
  if (!isObject(body)) return fail('the response is not a JSON object');
  const ops = field(body, 'operationSampling', 'operation_sampling');
  if (isObject(ops)) {
    const list = field(ops, 'perOperationStrategies', 'per_operation_strategies');
    if (Array.isArray(list) && list.length > 0) return parsePerOperation(ops, list);
  }
  const type = strategyType(field(body, 'strategyType', 'strategy_type'));
  if (type === undefined) return fail(`unknown strategyType ${JSON.stringify(field(body, 'strategyType', 'strategy_type'))}`);
  if (type === 'ratelimiting') {
    const rl = field(body, 'rateLimitingSampling', 'rate_limiting_sampling');
    const max = number(isObject(rl) ? field(rl, 'maxTracesPerSecond', 'max_traces_per_second') : undefined, 0);
    if (max === undefined || max < 0) return fail('rateLimitingSampling.maxTracesPerSecond is not a non-negative number');
    return { ok: true, strategy: { type, maxTracesPerSecond: max } };
  }
  const p = field(body, 'probabilisticSampling', 'probabilistic_sampling');
  const rate = number(isObject(p) ? field(p, 'samplingRate', 'sampling_rate') : undefined, 0);
  if (!isProbability(rate)) return fail('probabilisticSampling.samplingRate is not a number between 0 and 1');
  return { ok: true, strategy: { type, samplingRate: rate } };
}

function parsePerOperation(ops: Record<string, unknown>, list: unknown[]): ParsedStrategy {
  const defaultSamplingProbability = number(field(ops, 'defaultSamplingProbability', 'default_sampling_probability'), 0);
  if (!isProbability(defaultSamplingProbability)) return fail('operationSampling.defaultSamplingProbability is not a number between 0 and 1');
  const lowerBound = number(field(ops, 'defaultLowerBoundTracesPerSecond', 'default_lower_bound_traces_per_second'), 0);
  if (lowerBound === undefined || lowerBound < 0) return fail('operationSampling.defaultLowerBoundTracesPerSecond is not a non-negative number');
  const operations: { operation: string; samplingRate: number }[] = [];
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.operation !== 'string') return fail('a perOperationStrategies entry has no operation name');
    const p = field(entry, 'probabilisticSampling', 'probabilistic_sampling');
    const rate = number(isObject(p) ? field(p, 'samplingRate', 'sampling_rate') : undefined, 0);
    if (!isProbability(rate)) return fail(`the samplingRate of operation ${JSON.stringify(entry.operation)} is not a number between 0 and 1`);
    operations.push({ operation: entry.operation, samplingRate: rate });
  }
  return { ok: true, strategy: { type: 'perOperation', defaultSamplingProbability, defaultLowerBoundTracesPerSecond: lowerBound, operations } };
}

function strategyType(value: unknown): 'probabilistic' | 'ratelimiting' | undefined {
  // proto3 JSON leaves out a field holding its default, and PROBABILISTIC is the enum's 0.
  if (value === undefined || value === null || value === 0 || value === 'PROBABILISTIC') return 'probabilistic';
  if (value === 1 || value === 'RATE_LIMITING') return 'ratelimiting';
  return undefined;
}

/** proto3 JSON may write doubles as strings ("0.5", "NaN"); an absent field is the default. */
function number(value: unknown, absent: number): number | undefined {
  if (value === undefined || value === null) return absent;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function isProbability(n: number | undefined): n is number {
  return n !== undefined && n >= 0 && n <= 1;
}

function field(obj: Record<string, unknown>, camel: string, snake: string): unknown {
  return obj[camel] !== undefined ? obj[camel] : obj[snake];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(error: string): ParsedStrategy {
  return { ok: false, error };
}
