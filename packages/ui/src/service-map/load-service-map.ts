import { ApiError, fetchApiJson, type Fetch } from '../shared/api-client.js';
import { readServiceMap, type ServiceMapJson } from './service-map-json.js';

/**
 * Fetches the service map for a window (`params` as built by `mapApiParams`). Failures throw an
 * ApiError carrying Skein's code and message, as the other pages' loaders do.
 */
export async function loadServiceMap(params: URLSearchParams, signal: AbortSignal, fetchFn?: Fetch): Promise<ServiceMapJson> {
  const body = await fetchApiJson<unknown>(`/api/skein/service-map?${params}`, signal, fetchFn);
  const map = readServiceMap(body);
  if (!map) throw new ApiError(200, 'BAD_RESPONSE', 'The service map API did not answer a service map.');
  return map;
}
