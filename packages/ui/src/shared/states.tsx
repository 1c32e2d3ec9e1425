import type { ReactNode } from 'react';

/** The three states every data view can be in besides "here is the data"; each says what to do next. */

export function Loading(props: { what: string }) {
  return (
    <div className="state state-loading" data-testid="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {props.what}…
    </div>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty-state" role="status">
      <p className="state-title">{props.title}</p>
      {props.children ? <div className="state-hint">{props.children}</div> : null}
    </div>
  );
}

export function ErrorState(props: { title: string; message: string; hint: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" data-testid="error-state" role="alert">
      <p className="state-title">{props.title}</p>
      <p className="state-message">{props.message}</p>
      <p className="state-hint">{props.hint}</p>
      {props.onRetry ? (
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
