export { remoteSamplingApi, type RemoteSamplingApiOptions } from './remote-sampling-api.js';
export {
  DEFAULT_SAMPLING_PROBABILITY,
  JAEGER_DEFAULT_STRATEGIES,
  parseStrategiesFile,
  strategyFor,
  StrategiesFileProblem,
  type OperationSamplingStrategy,
  type ParsedStrategiesFile,
  type PerOperationSamplingStrategies,
  type SamplingStrategies,
  type SamplingStrategyResponse,
} from './sampling-strategies.js';
export { StrategiesFileWatcher, DEFAULT_STRATEGIES_RELOAD_INTERVAL_MS, type SamplingLogger, type StrategiesFileWatcherOptions } from './strategies-file-watcher.js';
export { strategyResponseJson, type StrategyTypeEncoding } from './strategy-json.js';
