import { useEffect, useMemo } from 'react';
import { navigate } from '../app/router.js';
import { ApiError } from '../shared/api-client.js';
import { EmptyState, ErrorState, Loading } from '../shared/states.js';
import { useAsync } from '../shared/use-async.js';
import { loadServiceMap } from './load-service-map.js';
import { MapCanvas } from './map-canvas.js';
import { EdgePanel, NodePanel } from './map-panel.js';
import { MapRangeControls } from './map-range-controls.js';
import { mapApiParams, mapRangeFromParams, mapSelectionFromParams, mapUrl, type MapRange, type MapSelection } from './map-range.js';
import { buildMapView, type MapView } from './map-view.js';
import { edgeKey } from './service-map-json.js';
import './service-map.css';

/**
 * Service map: who calls whom over a time range, from stored spans. The URL holds the range and
 * the selected node or edge, so a link shows the same map with the same panel open.
 */
export function ServiceMapPage(props: { params: URLSearchParams }) {
  const urlKey = props.params.toString();
  const range = useMemo(() => mapRangeFromParams(props.params), [urlKey]);
  const selection = useMemo(() => mapSelectionFromParams(props.params), [urlKey]);
  const apiQuery = mapApiParams(range).toString();
  const result = useAsync(apiQuery, (signal) => loadServiceMap(new URLSearchParams(apiQuery), signal));
  const view = useMemo(() => (result.status === 'done' ? buildMapView(result.data, range.rateUnit) : undefined), [result, range.rateUnit]);

  // Selecting replaces the history entry: back leaves the map instead of stepping through clicks.
  const select = (next: MapSelection): void => navigate(mapUrl(range, next), { replace: true });
  const selectNode = (node: string): void => select({ node });
  const selectEdge = (source: string, target: string): void => select({ source, target });
  const close = (): void => select(undefined);

  useEffect(() => {
    if (!selection) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') select(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="service-map-page" data-testid="service-map-page" aria-labelledby="map-title">
      <div className="map-toolbar">
        <h1 id="map-title" className="map-title">
          Service map
        </h1>
        <MapRangeControls key={urlKey} range={range} selection={selection} />
        <button type="button" onClick={result.reload}>
          Refresh
        </button>
        {view ? <MapSummary view={view} /> : null}
        <MapLegend />
      </div>
      {result.status === 'loading' || result.status === 'idle' ? (
        <Loading what="the service map" />
      ) : result.status === 'failed' ? (
        <ErrorState
          title="The service map could not be loaded"
          message={result.error.message}
          hint={result.error instanceof ApiError && result.error.status === 400 ? 'Skein did not accept the time range: pick a preset above.' : 'Check that Skein is running and reachable, then try again.'}
          onRetry={result.reload}
        />
      ) : !view || view.nodes.length === 0 ? (
        <EmptyState title="No services sent spans in this time range">Pick a longer time range above, or check that your services send spans to Skein (OTLP on port 4318, Jaeger, Zipkin).</EmptyState>
      ) : (
        <MapBody view={view} range={range} selection={selection} onSelectNode={selectNode} onSelectEdge={selectEdge} onClose={close} />
      )}
    </section>
  );
}

function MapBody(props: { view: MapView; range: MapRange; selection: MapSelection; onSelectNode: (id: string) => void; onSelectEdge: (source: string, target: string) => void; onClose: () => void }) {
  const { view, selection } = props;
  const node = selection && 'node' in selection ? view.nodeById.get(selection.node) : undefined;
  const edge = selection && 'source' in selection ? view.edgeByKey.get(edgeKey(selection.source, selection.target)) : undefined;
  return (
    <div className={`map-body${node || edge ? ' with-panel' : ''}`}>
      <MapCanvas view={view} selection={selection} onSelectNode={props.onSelectNode} onSelectEdge={props.onSelectEdge} />
      {node ? <NodePanel node={node} view={view} range={props.range} onClose={props.onClose} onSelectEdge={props.onSelectEdge} /> : null}
      {edge ? <EdgePanel edge={edge} view={view} range={props.range} onClose={props.onClose} onSelectNode={props.onSelectNode} /> : null}
    </div>
  );
}

function MapSummary(props: { view: MapView }) {
  const calls = props.view.edges.reduce((n, e) => n + e.edge.callCount, 0);
  return (
    <span className="map-summary" data-testid="map-summary">
      {props.view.nodes.length} nodes · {props.view.edges.length} edges · {calls.toLocaleString('en-US')} calls
    </span>
  );
}

function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Legend">
      <li>
        <svg width="22" height="14" aria-hidden="true">
          <rect x="1" y="1" width="20" height="12" rx="3" className="legend-service" />
        </svg>
        service
      </li>
      <li>
        <svg width="22" height="14" aria-hidden="true">
          <path d="M1,3 A10,2.5 0 0,1 21,3 V11 A10,2.5 0 0,1 1,11 Z" className="legend-database" />
        </svg>
        database
      </li>
      <li>
        <svg width="22" height="14" aria-hidden="true">
          <rect x="1" y="1" width="20" height="12" rx="6" className="legend-external" />
        </svg>
        external
      </li>
      <li>line width: calls/s · red: errors</li>
    </ul>
  );
}
