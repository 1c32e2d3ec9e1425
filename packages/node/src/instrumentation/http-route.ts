import type { IncomingMessage } from 'node:http';

// `http.route` without patching any framework: frameworks leave the matched route template on
// objects we can reach when the response finishes, or publish it on a diagnostics channel.

const kHttpRoute = Symbol('skein.http.route');

type WithRoute = IncomingMessage & {
  [kHttpRoute]?: string;
  /** Express: the matched Route (its `path` is the template relative to the mount point). */
  route?: { path?: unknown };
  /** Express: the path the current router is mounted at. */
  baseUrl?: unknown;
};

/**
 * Sets the route template for an incoming request (for frameworks we don't detect); the
 * server span takes it as `http.route` and in its name when the response finishes.
 */
export function setHttpRoute(request: IncomingMessage, route: string): void {
  if (typeof route === 'string' && route !== '') (request as WithRoute)[kHttpRoute] = route;
}

/**
 * The route template: one set explicitly or by the Fastify channel first, else Express's
 * `req.baseUrl` + `req.route.path`. Express's baseUrl is the matched mount path, so a
 * parameterised mount (`app.use('/t/:id', router)`) contributes its actual value.
 */
export function httpRouteOf(request: IncomingMessage): string | undefined {
  const withRoute = request as WithRoute;
  const explicit = withRoute[kHttpRoute];
  if (explicit !== undefined) return explicit;
  const route = withRoute.route;
  if (route === undefined || route === null || typeof route !== 'object') return undefined;
  const path = route.path;
  if (typeof path !== 'string') return undefined;
  const base = withRoute.baseUrl;
  return typeof base === 'string' && base !== '' ? joinMountedRoute(base, path) : path;
}

export function joinMountedRoute(mountPath: string, routePath: string): string {
  const base = mountPath.endsWith('/') ? mountPath.slice(0, -1) : mountPath;
  if (routePath === '' || routePath === '/') return base === '' ? '/' : base;
  return base + (routePath.startsWith('/') ? routePath : '/' + routePath);
}
