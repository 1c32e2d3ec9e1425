import { compileCapturedHeaders } from './header-capture.js';
import type { CapturedHeader } from './header-capture.js';
import { compileOutgoingRules, compilePathRules } from './ignore-rules.js';
import type { Matcher, OutgoingMatcher } from './ignore-rules.js';
import type { HttpInstrumentationOptions } from './http-instrumentation-options.js';

/** The options, compiled once into what the per-request code reads. */
export interface HttpInstrumentationSettings {
  readonly ignoreIncomingPath: Matcher;
  /** Undefined when there are no outgoing rules, so requests skip building a target. */
  readonly ignoreOutgoing: OutgoingMatcher | undefined;
  readonly serverRequestHeaders: readonly CapturedHeader[];
  readonly serverResponseHeaders: readonly CapturedHeader[];
  readonly clientRequestHeaders: readonly CapturedHeader[];
  readonly clientResponseHeaders: readonly CapturedHeader[];
  /** 0 when request bodies are not captured. */
  readonly requestBodyMaxBytes: number;
}

export function compileHttpInstrumentationSettings(options: HttpInstrumentationOptions): HttpInstrumentationSettings {
  const headers = options.captureHeaders ?? {};
  const body = options.captureRequestBody;
  const maxBytes = body !== undefined && body !== false && Number.isFinite(body.maxBytes) ? Math.max(0, Math.floor(body.maxBytes)) : 0;
  return {
    ignoreIncomingPath: compilePathRules(options.ignoreIncomingPaths),
    ignoreOutgoing: compileOutgoingRules(options.ignoreOutgoing),
    serverRequestHeaders: compileCapturedHeaders(headers.serverRequest, 'request'),
    serverResponseHeaders: compileCapturedHeaders(headers.serverResponse, 'response'),
    clientRequestHeaders: compileCapturedHeaders(headers.clientRequest, 'request'),
    clientResponseHeaders: compileCapturedHeaders(headers.clientResponse, 'response'),
    requestBodyMaxBytes: maxBytes,
  };
}
