import type { Span } from '@skein/model';

/**
 * The remote services a span names: every string `peer.service` attribute (normally one). Both
 * stores search and list remote services with this rule, so a span with duplicate keys behaves
 * the same everywhere.
 */
export function remoteServicesOf(span: Span): string[] {
  const out: string[] = [];
  for (const a of span.attributes) if (a.key === 'peer.service' && a.value.type === 'string') out.push(a.value.value);
  return out;
}

export const REMOTE_SERVICE_KEY = 'peer.service';
