import { diag } from '@opentelemetry/api';
import { envList, envString } from '../config/env.js';
import type { Env } from '../config/env.js';
import type { OutgoingRule, PathRule } from './ignore-rules.js';

/** Header names to record as `http.{request,response}.header.<name>` attributes. */
export interface CapturedHeaderOptions {
  readonly serverRequest?: readonly string[];
  readonly serverResponse?: readonly string[];
  readonly clientRequest?: readonly string[];
  readonly clientResponse?: readonly string[];
}

export interface HttpInstrumentationOptions {
  /**
   * Incoming requests not traced, by path (query excluded): `'/health'` exactly, `'/health*'`
   * as a prefix, or a RegExp. Default: none.
   */
  readonly ignoreIncomingPaths?: readonly PathRule[];
  /**
   * Outgoing requests not traced: a host (`'metadata.internal'`, `'localhost:8500'`), a URL
   * prefix (`'http://169.254.169.254/'`), or a RegExp tested against the full URL.
   */
  readonly ignoreOutgoing?: readonly OutgoingRule[];
  /** Headers to capture; values of credential headers are recorded as `REDACTED`. */
  readonly captureHeaders?: CapturedHeaderOptions;
  /** Record the first `maxBytes` of incoming request bodies as `http.request.body`. Off by default. */
  readonly captureRequestBody?: { readonly maxBytes: number } | false;
  /** Trace incoming `http`/`https` requests. Default true. */
  readonly server?: boolean;
  /** Trace outgoing `http`/`https` client requests. Default true. */
  readonly client?: boolean;
  /** Trace `fetch()` and undici requests made through Node's bundled undici. Default true. */
  readonly fetch?: boolean;
  /**
   * On Node versions that publish `http.client.request.start` only after the headers are
   * sent (before 22.12 / 23.2), context can be injected into `http`/`https` client requests
   * only from an Agent. When true (default), `http.globalAgent` and `https.globalAgent` are
   * replaced by propagating subclasses with the same options while the instrumentation runs.
   */
  readonly propagateViaGlobalAgents?: boolean;
}

/**
 * Reads the options that the environment sets (and only those, so they can be merged with
 * explicit options):
 * - `SKEIN_HTTP_IGNORE_PATHS=/health,/ready,/internal/*`
 * - `SKEIN_HTTP_IGNORE_OUTGOING=metadata.internal,http://169.254.169.254/`
 * - `OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_{SERVER_REQUEST,SERVER_RESPONSE,CLIENT_REQUEST,CLIENT_RESPONSE}=a,b`
 * - `SKEIN_HTTP_CAPTURE_REQUEST_BODY=1024` (bytes; 0 turns it off)
 * - `SKEIN_HTTP_GLOBAL_AGENT_PROPAGATION=false`
 */
export function httpInstrumentationOptionsFromEnv(env: Env): HttpInstrumentationOptions {
  const options: {
    -readonly [K in keyof HttpInstrumentationOptions]: HttpInstrumentationOptions[K];
  } = {};
  const ignorePaths = caseKeepingList(envString(env, 'SKEIN_HTTP_IGNORE_PATHS'));
  if (ignorePaths !== undefined) options.ignoreIncomingPaths = ignorePaths;
  const ignoreOutgoing = caseKeepingList(envString(env, 'SKEIN_HTTP_IGNORE_OUTGOING'));
  if (ignoreOutgoing !== undefined) options.ignoreOutgoing = ignoreOutgoing;

  const captureHeaders: { -readonly [K in keyof CapturedHeaderOptions]: CapturedHeaderOptions[K] } = {};
  const prefix = 'OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_';
  const serverRequest = envList(env, prefix + 'SERVER_REQUEST', []);
  const serverResponse = envList(env, prefix + 'SERVER_RESPONSE', []);
  const clientRequest = envList(env, prefix + 'CLIENT_REQUEST', []);
  const clientResponse = envList(env, prefix + 'CLIENT_RESPONSE', []);
  if (serverRequest.length > 0) captureHeaders.serverRequest = serverRequest;
  if (serverResponse.length > 0) captureHeaders.serverResponse = serverResponse;
  if (clientRequest.length > 0) captureHeaders.clientRequest = clientRequest;
  if (clientResponse.length > 0) captureHeaders.clientResponse = clientResponse;
  if (Object.keys(captureHeaders).length > 0) options.captureHeaders = captureHeaders;

  const body = envString(env, 'SKEIN_HTTP_CAPTURE_REQUEST_BODY');
  if (body !== undefined) {
    if (/^\d+$/.test(body) && Number.isSafeInteger(Number(body))) {
      const maxBytes = Number(body);
      options.captureRequestBody = maxBytes > 0 ? { maxBytes } : false;
    } else {
      diag.warn(`SKEIN_HTTP_CAPTURE_REQUEST_BODY=${JSON.stringify(body)} is not a byte count; request bodies are not captured`);
    }
  }

  const agents = envString(env, 'SKEIN_HTTP_GLOBAL_AGENT_PROPAGATION');
  if (agents !== undefined) {
    const lower = agents.toLowerCase();
    if (lower === 'true' || lower === 'false') options.propagateViaGlobalAgents = lower === 'true';
    else diag.warn(`SKEIN_HTTP_GLOBAL_AGENT_PROPAGATION=${JSON.stringify(agents)} is not "true" or "false"; ignored`);
  }
  return options;
}

/** Comma list with case kept (paths and URLs are case-sensitive), empties dropped. */
function caseKeepingList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? undefined : entries;
}
