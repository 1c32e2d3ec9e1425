import { useCallback, useEffect, useState } from 'react';

export type AsyncState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly data: T }
  | { readonly status: 'failed'; readonly error: Error };

/**
 * Runs `load` whenever `key` changes (undefined key: do nothing, stay idle), aborting the
 * previous run so a slow old answer never replaces a newer one. `reload` runs it again.
 */
export function useAsync<T>(key: string | undefined, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: key === undefined ? 'idle' : 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key === undefined) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'done', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; `key` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
