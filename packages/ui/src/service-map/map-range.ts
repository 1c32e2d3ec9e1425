import { DEFAULT_FORM, LOOKBACK_CHOICES, searchUrl } from '../search/search-query.js';
import type { RateUnit } from './map-metrics.js';
import type { MapNodeJson } from './service-map-json.js';

/**
 * The Service map page's URL state: a time range (a lookback preset, or a custom start/end as
 * on the Search page) and the selected node or edge. Pure, tested under node.
 */

export interface MapRange {
  /** A preset ('1h'…) or 'custom' (then start/end, ISO 8601 or Unix ns, hold the range). */
  readonly lookback: string;
  readonly start: string;
  readonly end: string;
  /** How rates are written: per second (default) or per minute (`rate=min`). */
  readonly rateUnit: RateUnit;
}

export type MapSelection = { readonly node: string } | { readonly source: string; readonly target: string } | undefined;

/** The Search page's presets minus "all stored time" (a map of everything ever stored is not a useful default cost). */
export const MAP_LOOKBACKS: ReadonlyArray<{ readonly value: string; readonly label: string }> = LOOKBACK_CHOICES.filter((c) => c.value !== 'all');
export const DEFAULT_MAP_LOOKBACK = '1h';

const isPreset = (v: string): boolean => MAP_LOOKBACKS.some((c) => c.value === v && v !== 'custom');

/** URL → range. An unknown preset falls back to the default, so a stale link still shows a map. */
export function mapRangeFromParams(params: URLSearchParams): MapRange {
  const start = params.get('start')?.trim() ?? '';
  const end = params.get('end')?.trim() ?? '';
  const lookback = params.get('lookback')?.trim() ?? '';
  const rateUnit: RateUnit = params.get('rate') === 'min' ? 'min' : 's';
  if (start !== '' || end !== '') return { lookback: 'custom', start, end, rateUnit };
  return { lookback: isPreset(lookback) ? lookback : DEFAULT_MAP_LOOKBACK, start: '', end: '', rateUnit };
}

/** URL → selection: `node=<id>`, or `source=<id>&target=<id>` for an edge. */
export function mapSelectionFromParams(params: URLSearchParams): MapSelection {
  const node = params.get('node');
  if (node) return { node };
  const source = params.get('source');
  const target = params.get('target');
  return source && target ? { source, target } : undefined;
}

/** The canonical Service map URL (the default preset is left out so links stay short). */
export function mapUrl(range: MapRange, selection?: MapSelection): string {
  const p = new URLSearchParams();
  if (range.lookback === 'custom') {
    if (range.start) p.set('start', range.start);
    if (range.end) p.set('end', range.end);
  } else if (range.lookback !== DEFAULT_MAP_LOOKBACK) {
    p.set('lookback', range.lookback);
  }
  if (range.rateUnit === 'min') p.set('rate', 'min');
  if (selection && 'node' in selection) p.set('node', selection.node);
  else if (selection) {
    p.set('source', selection.source);
    p.set('target', selection.target);
  }
  const q = p.toString();
  return q ? `/map?${q}` : '/map';
}

/** Range → query string of `GET /api/skein/service-map`. */
export function mapApiParams(range: MapRange): URLSearchParams {
  const p = new URLSearchParams();
  if (range.lookback === 'custom') {
    if (range.start) p.set('start', range.start);
    if (range.end) p.set('end', range.end);
  } else p.set('lookback', range.lookback);
  return p;
}

/** A Search page URL over the same time range. */
function searchOver(range: MapRange, service: string, attrs: readonly string[]): string {
  return searchUrl({ ...DEFAULT_FORM, service, attrs, lookback: range.lookback, start: range.start, end: range.end });
}

/** What comes after `kind:` in a node id: the db.system (and namespace) of a database, the address of an external peer. */
const idSuffix = (node: MapNodeJson): string => node.id.slice(node.id.indexOf(':') + 1);

/**
 * The search for a node's traces. A service with spans: its own traces. A node known only from
 * its callers' CLIENT spans (a database, an external address, a `peer.service` with no spans
 * of its own): the spans that name it, by the attribute the service graph inferred it from.
 */
export function nodeSearchHref(node: MapNodeJson, range: MapRange): string {
  return searchOver(range, node.kind === 'service' && node.spanCount > 0 ? node.name : '', peerConditions(node));
}

function peerConditions(node: MapNodeJson): string[] {
  if (node.kind === 'service' && node.spanCount > 0) return [];
  // `database:{db.system}` or `database:{db.system}/{namespace}` (packages/store/src/semantics/inferred-peer.ts).
  // The namespace may come from db.namespace or db.name and conditions cannot say "either", so the system alone.
  if (node.kind === 'database') return [`db.system=${idSuffix(node).split('/')[0]}`];
  if (node.kind === 'external') return [`server.address=${idSuffix(node)}`];
  return [`peer.service=${node.name}`];
}

/**
 * The search for the calls an edge stands for: the callee's traces when it is a service with
 * spans of its own (the Search API filters one service, so "from this caller" cannot be said
 * there); otherwise the caller's spans that name the callee.
 */
export function edgeSearchHref(source: MapNodeJson, target: MapNodeJson, range: MapRange): string {
  if (target.kind === 'service' && target.spanCount > 0) return searchOver(range, target.name, []);
  return searchOver(range, source.kind === 'service' ? source.name : '', peerConditions(target));
}
