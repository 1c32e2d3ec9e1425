import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './router.js';

/**
 * An in-app link: a real `<a href>` (open in new tab, copy link and keyboard all work) whose
 * plain left click navigates without reloading the page. `to` must be one of our own routes.
 */
export function Link(props: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { to, onClick, ...rest } = props;
  const click = (e: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
    window.scrollTo(0, 0);
  };
  return <a href={to} onClick={click} {...rest} />;
}

/** The route of one trace (ids are hex, but encode anyway: the id may come from a URL). */
export const traceHref = (traceId: string): string => `/trace/${encodeURIComponent(traceId)}`;
