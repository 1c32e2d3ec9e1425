/**
 * Jaeger remote sampling: the strategies a service is told to use, and Jaeger's file format
 * for them (`--sampling.strategies-file`). The building rules follow Jaeger's file-based
 * strategy provider (jaeger internal/sampling/samplingstrategy/file/provider.go): a service
 * without its own entry gets the default strategy; the default's per-operation strategies also
 * apply to services that have an entry (merged after their own, which win).
 */

/** Jaeger's built-in default when nothing says otherwise (`--sampling.default-sampling-probability`). */
export const DEFAULT_SAMPLING_PROBABILITY = 0.001;

/** Mirrors jaeger api_v2 `SamplingStrategyResponse`. */
export interface SamplingStrategyResponse {
  readonly strategyType: 'PROBABILISTIC' | 'RATE_LIMITING';
  readonly probabilisticSampling?: { readonly samplingRate: number };
  readonly rateLimitingSampling?: { readonly maxTracesPerSecond: number };
  readonly operationSampling?: PerOperationSamplingStrategies;
}

export interface OperationSamplingStrategy {
  readonly operation: string;
  readonly probabilisticSampling: { readonly samplingRate: number };
}

export interface PerOperationSamplingStrategies {
  readonly defaultSamplingProbability: number;
  readonly defaultLowerBoundTracesPerSecond: number;
  readonly perOperationStrategies: readonly OperationSamplingStrategy[];
  readonly defaultUpperBoundTracesPerSecond: number;
}

export interface SamplingStrategies {
  readonly defaultStrategy: SamplingStrategyResponse;
  readonly serviceStrategies: ReadonlyMap<string, SamplingStrategyResponse>;
}

/** What a service gets: its own strategy, else the default one. */
export function strategyFor(strategies: SamplingStrategies, service: string): SamplingStrategyResponse {
  return strategies.serviceStrategies.get(service) ?? strategies.defaultStrategy;
}

const probabilistic = (samplingRate: number): SamplingStrategyResponse => ({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate } });

/** No file configured: every service samples 0.1 % of traces, as Jaeger does. */
export const JAEGER_DEFAULT_STRATEGIES: SamplingStrategies = Object.freeze({
  defaultStrategy: probabilistic(DEFAULT_SAMPLING_PROBABILITY),
  serviceStrategies: new Map<string, SamplingStrategyResponse>(),
});

export interface ParsedStrategiesFile {
  readonly strategies: SamplingStrategies;
  /** Entries Jaeger would also accept but ignore in part (told to the operator, not fatal). */
  readonly warnings: readonly string[];
}

/** A strategies file that cannot be used; the message names the entry and what is wrong. */
export class StrategiesFileProblem extends Error {
  override readonly name = 'StrategiesFileProblem';
}

interface FileStrategy {
  readonly type: 'probabilistic' | 'ratelimiting';
  readonly param: number;
}
interface FileOperationStrategy extends FileStrategy {
  readonly operation: string;
}
interface FileServiceStrategy extends FileStrategy {
  readonly operationStrategies: readonly FileOperationStrategy[];
}

/**
 * Reads Jaeger's JSON strategies file:
 *
 * ```json
 * { "service_strategies": [{ "service": "foo", "type": "probabilistic", "param": 0.8,
 *       "operation_strategies": [{ "operation": "op1", "type": "probabilistic", "param": 0.2 }] },
 *     { "service": "bar", "type": "ratelimiting", "param": 5 }],
 *   "default_strategy": { "type": "probabilistic", "param": 0.5,
 *       "operation_strategies": [{ "operation": "/health", "type": "probabilistic", "param": 0.0 }] } }
 * ```
 *
 * Stricter than Jaeger where Jaeger silently does something surprising: an unknown `type`
 * (Jaeger falls back to the default probability), a probability outside 0..1 (which the Node
 * jaeger-client throws on) or a missing `param` make the file unusable, with a message saying
 * where. Like Jaeger, a rate-limiting operation strategy is skipped with a warning (Jaeger's
 * per-operation sampling is probabilistic only), and unknown keys are ignored.
 */
export function parseStrategiesFile(text: string): ParsedStrategiesFile {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new StrategiesFileProblem(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(root)) throw new StrategiesFileProblem('expected a JSON object with "service_strategies" and/or "default_strategy"');
  const warnings: string[] = [];

  const defaultEntry = root.default_strategy;
  let defaultStrategy = probabilistic(DEFAULT_SAMPLING_PROBABILITY);
  if (defaultEntry !== undefined && defaultEntry !== null) defaultStrategy = buildServiceStrategy(readServiceStrategy(defaultEntry, 'default_strategy'), 'default_strategy', warnings);

  const services = new Map<string, SamplingStrategyResponse>();
  const entries = root.service_strategies;
  if (entries !== undefined && entries !== null && !Array.isArray(entries)) throw new StrategiesFileProblem('service_strategies: expected an array');
  (entries ?? []).forEach((entry: unknown, i: number) => {
    const path = `service_strategies[${i}]`;
    if (!isObject(entry)) throw new StrategiesFileProblem(`${path}: expected an object`);
    const service = entry.service;
    if (typeof service !== 'string' || service === '') throw new StrategiesFileProblem(`${path}.service: expected a service name`);
    const where = `${path} ("${service}")`;
    if (services.has(service)) warnings.push(`${where}: service listed more than once; the last entry is used`);
    const own = buildServiceStrategy(readServiceStrategy(entry, where), where, warnings);
    services.set(service, withDefaultOperations(own, defaultStrategy));
  });
  return { strategies: { defaultStrategy, serviceStrategies: services }, warnings };
}

/** Jaeger's parseServiceStrategies: per-operation strategies only when the entry lists some. */
function buildServiceStrategy(s: FileServiceStrategy, where: string, warnings: string[]): SamplingStrategyResponse {
  const base = toResponse(s);
  if (s.operationStrategies.length === 0) return base;
  const perOperationStrategies: OperationSamplingStrategy[] = [];
  for (const op of s.operationStrategies) {
    if (op.type === 'ratelimiting') {
      warnings.push(`${where}: operation "${op.operation}" is rate-limiting; per-operation strategies can only be probabilistic, so it is skipped`);
      continue;
    }
    perOperationStrategies.push({ operation: op.operation, probabilisticSampling: { samplingRate: op.param } });
  }
  return {
    ...base,
    operationSampling: {
      defaultSamplingProbability: base.probabilisticSampling?.samplingRate ?? DEFAULT_SAMPLING_PROBABILITY,
      defaultLowerBoundTracesPerSecond: 0,
      perOperationStrategies,
      defaultUpperBoundTracesPerSecond: 0,
    },
  };
}

/**
 * Jaeger's rule for the default strategy's operations (static strategy store, parseStrategies):
 * a probabilistic service without operations of its own gets a copy of them with its own
 * probability as the default; a rate-limiting one gets none (per-operation sampling would
 * override its rate limit in the clients); a service with its own operations gets the
 * default's for the operations it does not name.
 */
function withDefaultOperations(own: SamplingStrategyResponse, defaults: SamplingStrategyResponse): SamplingStrategyResponse {
  const defaultOps = defaults.operationSampling;
  if (!defaultOps) return own;
  if (!own.operationSampling) {
    const samplingRate = own.probabilisticSampling?.samplingRate;
    return samplingRate === undefined ? own : { ...own, operationSampling: { ...defaultOps, defaultSamplingProbability: samplingRate } };
  }
  const named = new Set(own.operationSampling.perOperationStrategies.map((o) => o.operation));
  return {
    ...own,
    operationSampling: {
      ...own.operationSampling,
      perOperationStrategies: [...own.operationSampling.perOperationStrategies, ...defaultOps.perOperationStrategies.filter((o) => !named.has(o.operation))],
    },
  };
}

function toResponse(s: FileStrategy): SamplingStrategyResponse {
  if (s.type === 'probabilistic') return probabilistic(s.param);
  // The response field is an int32 (Jaeger truncates the file's number the same way).
  return { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: Math.min(2 ** 31 - 1, Math.trunc(s.param)) } };
}

function readServiceStrategy(v: unknown, where: string): FileServiceStrategy {
  if (!isObject(v)) throw new StrategiesFileProblem(`${where}: expected an object`);
  const ops = v.operation_strategies;
  if (ops !== undefined && ops !== null && !Array.isArray(ops)) throw new StrategiesFileProblem(`${where}.operation_strategies: expected an array`);
  const operationStrategies = (ops ?? []).map((op: unknown, i: number): FileOperationStrategy => {
    const path = `${where}.operation_strategies[${i}]`;
    if (!isObject(op)) throw new StrategiesFileProblem(`${path}: expected an object`);
    if (typeof op.operation !== 'string') throw new StrategiesFileProblem(`${path}.operation: expected an operation name`);
    return { operation: op.operation, ...readStrategy(op, `${path} ("${op.operation}")`) };
  });
  return { ...readStrategy(v, where), operationStrategies };
}

function readStrategy(v: Record<string, unknown>, where: string): FileStrategy {
  const { type, param } = v;
  if (type !== 'probabilistic' && type !== 'ratelimiting') throw new StrategiesFileProblem(`${where}.type: expected "probabilistic" or "ratelimiting", got ${JSON.stringify(type) ?? 'nothing'}`);
  if (typeof param !== 'number') throw new StrategiesFileProblem(`${where}.param: expected a number, got ${JSON.stringify(param) ?? 'nothing'}`);
  if (type === 'probabilistic' && !(param >= 0 && param <= 1)) throw new StrategiesFileProblem(`${where}.param: a sampling probability must be between 0 and 1, got ${param}`);
  if (type === 'ratelimiting' && !(param >= 0)) throw new StrategiesFileProblem(`${where}.param: traces per second cannot be negative, got ${param}`);
  return { type, param };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
