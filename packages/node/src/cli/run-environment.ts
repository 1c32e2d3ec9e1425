import type { RunOptions } from './run-arguments.js';

/**
 * The environment the command runs with: the inherited one, plus the OTEL_* variables the
 * options ask for (an option wins over an inherited value), plus NODE_OPTIONS extended with
 * `--import=<registerUrl>` so every Node process started under it loads the tracer. Pure:
 * returns a new object and leaves `baseEnv` alone.
 */
export function buildRunEnvironment(options: RunOptions, baseEnv: NodeJS.ProcessEnv, registerUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  if (options.serviceName !== undefined) env['OTEL_SERVICE_NAME'] = options.serviceName;
  if (options.exporters !== undefined) env['OTEL_TRACES_EXPORTER'] = options.exporters.join(',');
  if (options.endpoint !== undefined) env[endpointVariable(env['OTEL_TRACES_EXPORTER'])] = options.endpoint;
  if (options.propagators !== undefined) env['OTEL_PROPAGATORS'] = options.propagators.join(',');
  if (options.sampler !== undefined) {
    env['OTEL_TRACES_SAMPLER'] = options.sampler;
    // A sampler without an argument uses its default, not an argument inherited for another one.
    if (options.samplerArg !== undefined) env['OTEL_TRACES_SAMPLER_ARG'] = options.samplerArg;
    else delete env['OTEL_TRACES_SAMPLER_ARG'];
  }
  env['NODE_OPTIONS'] = appendNodeOption(baseEnv['NODE_OPTIONS'], `--import=${registerUrl}`);
  return env;
}

/** Zipkin's endpoint variable only when Zipkin is the one network exporter chosen; OTLP otherwise. */
function endpointVariable(exporters: string | undefined): string {
  const names = (exporters ?? 'otlp').split(',').map((name) => name.trim().toLowerCase());
  return names.includes('zipkin') && !names.includes('otlp') ? 'OTEL_EXPORTER_ZIPKIN_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
}

/**
 * Adds one option to a NODE_OPTIONS value, keeping what the user already has. It goes last,
 * so the user's own preloads (say `--require dotenv/config`, which may set OTEL_* variables)
 * run before the tracer reads its configuration; the automatic instrumentation subscribes to
 * diagnostics channels, so it does not need to load before other modules. An option that is
 * already there is not added twice (nested `skein run`).
 */
export function appendNodeOption(existing: string | undefined, option: string): string {
  const quoted = quoteNodeOption(option);
  const current = existing?.trim() ?? '';
  if (current === '') return quoted;
  if (splitNodeOptions(current).includes(option)) return current;
  return `${current} ${quoted}`;
}

/**
 * Quotes one option for NODE_OPTIONS as Node parses it: spaces separate options unless inside
 * double quotes, where a backslash escapes the next character.
 */
export function quoteNodeOption(option: string): string {
  if (option !== '' && !/[\s"\\]/.test(option)) return option;
  return `"${option.replace(/[\\"]/g, '\\$&')}"`;
}

/** Splits NODE_OPTIONS the way Node does (the inverse of quoteNodeOption). */
export function splitNodeOptions(value: string): string[] {
  const options: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && inQuotes && i + 1 < value.length) {
      current += value[++i];
    } else if (char === '"') {
      inQuotes = !inQuotes;
      started = true;
    } else if (char === ' ' && !inQuotes) {
      if (started) options.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) options.push(current);
  return options;
}
