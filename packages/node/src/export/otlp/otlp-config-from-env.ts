import { readFileSync } from 'node:fs';
import { diag } from '@opentelemetry/api';
import { firstSetEnv, integerFromEnv } from '../env-integer.js';
import type { EnvRecord } from '../env-integer.js';
import { parseHeaderList } from '../http/parse-header-list.js';

export type OtlpHttpProtocol = 'http/protobuf' | 'http/json';
export type OtlpCompression = 'gzip' | 'none';

export interface OtlpHttpConfig {
  /** The full URL spans are POSTed to. */
  readonly url: string;
  readonly protocol: OtlpHttpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly compression: OtlpCompression;
  readonly timeoutMillis: number;
  /** TLS material for https endpoints (PEM), when the environment names files. */
  readonly tls?: { readonly ca?: Buffer; readonly cert?: Buffer; readonly key?: Buffer };
}

export const DEFAULT_OTLP_TRACES_URL = 'http://localhost:4318/v1/traces';
export const DEFAULT_OTLP_TIMEOUT_MILLIS = 10_000;

/**
 * The OTLP/HTTP trace exporter settings from OTEL_EXPORTER_OTLP_* (OpenTelemetry's exporter
 * configuration): each TRACES_ variable wins over its generic one. The generic endpoint is a
 * base URL that gets `/v1/traces` appended; the traces endpoint is used exactly as given.
 * Bad values fall back to the default with a diag warning.
 */
export function otlpConfigFromEnv(env: EnvRecord): OtlpHttpConfig {
  const config: {
    url: string;
    protocol: OtlpHttpProtocol;
    headers: Record<string, string>;
    compression: OtlpCompression;
    timeoutMillis: number;
    tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
  } = {
    url: tracesUrl(env),
    protocol: protocol(env),
    headers: {
      ...headers(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
      ...headers(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    },
    compression: compression(env),
    timeoutMillis:
      integerFromEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 1) ??
      integerFromEnv(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', 1) ??
      DEFAULT_OTLP_TIMEOUT_MILLIS,
  };
  const ca = pemFile(env, 'CERTIFICATE');
  const cert = pemFile(env, 'CLIENT_CERTIFICATE');
  const key = pemFile(env, 'CLIENT_KEY');
  if (ca || cert || key) config.tls = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  return config;
}

function tracesUrl(env: EnvRecord): string {
  const exact = firstSetEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (exact) {
    if (isHttpUrl(exact.value)) return exact.value;
    diag.warn(`${exact.name}=${JSON.stringify(exact.value)} is not an http(s) URL; ignoring it`);
  }
  const base = firstSetEnv(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (base) {
    if (isHttpUrl(base.value)) return base.value.endsWith('/') ? `${base.value}v1/traces` : `${base.value}/v1/traces`;
    diag.warn(`${base.name}=${JSON.stringify(base.value)} is not an http(s) URL; using ${DEFAULT_OTLP_TRACES_URL}`);
  }
  return DEFAULT_OTLP_TRACES_URL;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function protocol(env: EnvRecord): OtlpHttpProtocol {
  const set = firstSetEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL');
  if (!set) return 'http/protobuf';
  const value = set.value.toLowerCase();
  if (value === 'http/protobuf' || value === 'http/json') return value;
  if (value === 'grpc') {
    diag.warn(`${set.name}=grpc is not supported by @skein/node; sending OTLP over http/protobuf instead (port 4318, not 4317)`);
  } else {
    diag.warn(`${set.name}=${JSON.stringify(set.value)} is not http/protobuf, http/json or grpc; using http/protobuf`);
  }
  return 'http/protobuf';
}

function compression(env: EnvRecord): OtlpCompression {
  const set = firstSetEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', 'OTEL_EXPORTER_OTLP_COMPRESSION');
  if (!set) return 'none';
  const value = set.value.toLowerCase();
  if (value === 'gzip' || value === 'none') return value;
  diag.warn(`${set.name}=${JSON.stringify(set.value)} is not gzip or none; sending uncompressed`);
  return 'none';
}

function headers(env: EnvRecord, name: string): Record<string, string> {
  const raw = env[name];
  return raw ? parseHeaderList(raw, name) : {};
}

function pemFile(env: EnvRecord, suffix: string): Buffer | undefined {
  const set = firstSetEnv(env, `OTEL_EXPORTER_OTLP_TRACES_${suffix}`, `OTEL_EXPORTER_OTLP_${suffix}`);
  if (!set) return undefined;
  try {
    return readFileSync(set.value);
  } catch (error) {
    diag.warn(`${set.name}: cannot read ${set.value}: ${(error as Error).message}`);
    return undefined;
  }
}
