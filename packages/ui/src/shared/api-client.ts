/**
 * Skein's own API as the UI uses it (same origin, query port). Plain TypeScript over `fetch`
 * so it runs under `node --test` too. Errors come back as ApiError carrying Skein's stable code
 * and message, so pages can say what happened.
 */

export interface TraceSummary {
  readonly traceId: string;
  readonly rootServiceName: string;
  readonly rootName: string;
  /** Unix nanoseconds, decimal string (does not fit a JSON number). */
  readonly startTimeUnixNano: string;
  readonly durationNanos: string;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly services: ReadonlyArray<{ readonly name: string; readonly spanCount: number }>;
}

export interface OperationInfo {
  readonly name: string;
  readonly kind: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Fetch = (input: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export class SkeinApi {
  constructor(
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly base = '',
  ) {}

  async services(signal?: AbortSignal): Promise<string[]> {
    return (await this.get<{ services: string[] }>('/api/skein/services', signal)).services;
  }

  async operations(service: string, signal?: AbortSignal): Promise<OperationInfo[]> {
    return (await this.get<{ operations: OperationInfo[] }>(`/api/skein/services/${encodeURIComponent(service)}/operations`, signal)).operations;
  }

  async attributeKeys(service: string, signal?: AbortSignal): Promise<string[]> {
    return (await this.get<{ keys: string[] }>(`/api/skein/attributes/keys?${new URLSearchParams(service ? { service } : {})}`, signal)).keys;
  }

  async attributeValues(key: string, service: string, signal?: AbortSignal): Promise<string[]> {
    const q = new URLSearchParams({ key, ...(service ? { service } : {}) });
    return (await this.get<{ values: string[] }>(`/api/skein/attributes/values?${q}`, signal)).values;
  }

  /** `params` as built by `apiSearchParams` (search-query.ts). */
  async searchTraces(params: URLSearchParams, signal?: AbortSignal): Promise<TraceSummary[]> {
    return (await this.get<{ traces: TraceSummary[] }>(`/api/skein/traces?${params}`, signal)).traces;
  }

  private get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return fetchApiJson<T>(this.base + path, signal, this.fetchFn);
  }
}

/**
 * One GET against Skein's APIs, for every page's loader. A network failure, an error answer
 * (Skein's `{ error: { code, message } }`, or any other status) and a body that is not JSON all
 * become an ApiError saying what happened; an abort is passed through as it is.
 */
export async function fetchApiJson<T>(url: string, signal?: AbortSignal, fetchFn: Fetch = (input, init) => fetch(input, init)): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(url, signal ? { signal } : undefined);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', `Skein did not answer (${(e as Error).message}). Is it running?`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`;
    const message = typeof err?.message === 'string' ? err.message : `${res.status} ${res.statusText}`.trim();
    throw new ApiError(res.status, code, message);
  }
  if (body === undefined) throw new ApiError(res.status, 'BAD_RESPONSE', `${url} did not answer JSON`);
  return body as T;
}

export const api = new SkeinApi();
