import { useEffect, useState } from 'react';

/**
 * The whole page state lives in the URL (shareable deep links): the path picks the page, the
 * query string holds its state. `navigate` pushes a history entry; back/forward re-render.
 */
export interface Location {
  readonly path: string;
  readonly params: URLSearchParams;
}

const read = (): Location => ({ path: window.location.pathname, params: new URLSearchParams(window.location.search) });
const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const l of listeners) l();
}

export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** `/trace/{id}` → the id; undefined for other paths. */
export function traceIdFromPath(path: string): string | undefined {
  const m = /^\/trace\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
