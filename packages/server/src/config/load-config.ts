import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { OPTIONS, type SkeinConfig } from './options.js';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  /** Parsed command-line flags by flag name (without dashes). */
  readonly flags: Readonly<Record<string, string | undefined>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Path of an optional YAML or JSON file (`--config` or SKEIN_CONFIG). */
  readonly configFile?: string;
}

/**
 * Resolves every option with the precedence flags > SKEIN_* environment > config file >
 * default, and validates all of them, reporting every problem at once with where the value
 * came from.
 */
export function loadConfig(sources: ConfigSources): SkeinConfig {
  const problems: string[] = [];
  const file = sources.configFile ? readConfigFile(sources.configFile, problems) : {};
  const known = new Set(OPTIONS.map((o) => o.flag));
  for (const key of Object.keys(file)) if (!known.has(key)) problems.push(`${sources.configFile}: unknown setting "${key}" (known: ${[...known].join(', ')})`);
  for (const flag of Object.keys(sources.flags)) if (!known.has(flag) && flag !== 'config') problems.push(`unknown flag --${flag}`);

  const config: Record<string, unknown> = {};
  for (const o of OPTIONS) {
    let raw: string;
    let origin: string;
    if (sources.flags[o.flag] !== undefined) [raw, origin] = [sources.flags[o.flag]!, `--${o.flag}`];
    else if (sources.env[o.env] !== undefined && sources.env[o.env] !== '') [raw, origin] = [sources.env[o.env]!, o.env];
    else if (file[o.flag] !== undefined) [raw, origin] = [String(file[o.flag]), `${sources.configFile}: ${o.flag}`];
    else [raw, origin] = [o.default, `default of --${o.flag}`];
    const parsed = o.parse(raw);
    if ('error' in parsed) problems.push(`${origin}: ${parsed.error}`);
    else config[o.key] = parsed.value;
  }
  if (problems.length === 0) problems.push(...crossOptionProblems(config as unknown as SkeinConfig));
  if (problems.length > 0) throw new ConfigError(problems);
  return config as unknown as SkeinConfig;
}

/** Settings that are each valid but make no sense together. */
function crossOptionProblems(config: SkeinConfig): string[] {
  const problems: string[] = [];
  if (config.storage === 'none' && !config.forwardEndpoint) problems.push('--storage none needs --forward-endpoint: otherwise every span received would be thrown away');
  return problems;
}

function readConfigFile(path: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push(`cannot read config file ${path}: ${(e as Error).message}`);
    return {};
  }
  try {
    const parsed: unknown = extname(path) === '.json' ? JSON.parse(text) : YAML.parse(text);
    if (parsed === null || parsed === undefined) return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`${path}: expected a mapping of setting: value`);
      return {};
    }
    return parsed as Record<string, unknown>;
  } catch (e) {
    problems.push(`${path}: ${(e as Error).message.split('\n')[0]}`);
    return {};
  }
}

/** `--help` text for the settings. */
export function describeOptions(): string {
  return OPTIONS.map((o) => `  --${o.flag.padEnd(22)} ${o.help} (env ${o.env}, default ${o.default})`).join('\n');
}
