import { ApiError, type Fetch } from '../shared/api-client.js';
import { readServiceMap, type ServiceMapJson } from './service-map-json.js';

/**
 * Fetches the service map for a window (`params` as built by `mapApiParams`). Failures throw an
 * ApiError carrying Skein's code and message, as the other pages' loaders do.
 */
export async function loadServiceMap(params: URLSearchParams, signal: AbortSignal, fetchFn: Fetch = (input, init) => fetch(input, init)): Promise<ServiceMapJson> {
  let res: Response;
  try {
    res = await fetchFn(`/api/skein/service-map?${params}`, { signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', `Skein did not answer (${(e as Error).message}). Is it running?`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`, typeof err?.message === 'string' ? err.message : `${res.status} ${res.statusText}`.trim());
  }
  const map = readServiceMap(body);
  if (!map) throw new ApiError(res.status, 'BAD_RESPONSE', 'The service map API did not answer a service map.');
  return map;
}
