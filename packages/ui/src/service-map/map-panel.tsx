import type { ReactNode } from 'react';
import { Link } from '../app/link.js';
import { formatDuration } from '../shared/format.js';
import { errorRate, formatPercent, formatRate, plural, ratePerSecond } from './map-metrics.js';
import { edgeSearchHref, nodeSearchHref, type MapRange } from './map-range.js';
import { neighbourEdges, nodeActivity, operationRows, type EdgeView, type MapView, type NodeView } from './map-view.js';

/**
 * The side panel of the selected node (its operations, its calls in and out, a search for its
 * traces) or edge (its numbers and a search for the calls). Every name is React text.
 */

function PanelFrame(props: { title: string; subtitle: string; onClose: () => void; children: ReactNode }) {
  return (
    <aside className="map-panel" data-testid="map-panel" aria-labelledby="map-panel-title">
      <header className="map-panel-head">
        <div className="map-panel-titles">
          <h2 id="map-panel-title" className="map-panel-title" title={props.title}>
            {props.title}
          </h2>
          <p className="map-panel-subtitle">{props.subtitle}</p>
        </div>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label="Close the panel" title="Close (Esc)">
          ×
        </button>
      </header>
      {props.children}
    </aside>
  );
}

function Stat(props: { label: string; value: string; error?: boolean }) {
  return (
    <div className="map-stat">
      <dt>{props.label}</dt>
      <dd className={props.error ? 'has-errors' : undefined}>{props.value}</dd>
    </div>
  );
}

function CallList(props: { title: string; edges: readonly EdgeView[]; view: MapView; other: 'source' | 'target'; onSelectEdge: (source: string, target: string) => void }) {
  if (props.edges.length === 0) return null;
  return (
    <section className="map-panel-section">
      <h3>{props.title}</h3>
      <ul className="map-calls">
        {props.edges.map((e) => (
          <li key={e.key}>
            <button type="button" className="link-button" onClick={() => props.onSelectEdge(e.edge.source, e.edge.target)} data-testid="map-panel-edge">
              <span className="map-call-name">{props.view.nodeById.get(e.edge[props.other])?.node.name ?? e.edge[props.other]}</span>
            </button>
            <span className={e.errorRate > 0 ? 'map-call-stats has-errors' : 'map-call-stats'}>
              {e.rateLine}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NodePanel(props: { node: NodeView; view: MapView; range: MapRange; onClose: () => void; onSelectEdge: (source: string, target: string) => void }) {
  const { node, view } = props;
  const activity = nodeActivity(node.node, { edges: view.edges.map((e) => e.edge) });
  const rows = operationRows(node.node, view.windowSeconds);
  const { incoming, outgoing } = neighbourEdges(view, node.node.id);
  const searchText = node.node.kind === 'service' && node.node.spanCount > 0 ? `Search traces of ${node.node.name}` : `Search spans calling ${node.node.name}`;
  return (
    <PanelFrame title={node.node.name} subtitle={node.node.kind === 'service' ? 'service' : `${node.kindLabel} · ${node.node.id.slice(node.node.id.indexOf(':') + 1)}`} onClose={props.onClose}>
      <dl className="map-stats">
        <Stat label={activity.what === 'span' ? 'Spans' : 'Calls to it'} value={activity.count.toLocaleString('en-US')} />
        <Stat label="Rate" value={formatRate(node.ratePerSecond, view.rateUnit)} />
        <Stat label="Errors" value={`${activity.errors.toLocaleString('en-US')} (${formatPercent(node.errorRate)})`} error={activity.errors > 0} />
      </dl>
      <p>
        <Link to={nodeSearchHref(node.node, props.range)} data-testid="map-search-link">
          {searchText}
        </Link>
      </p>
      {rows.length > 0 ? (
        <section className="map-panel-section">
          <h3>Operations</h3>
          <table className="map-ops" data-testid="map-operations">
            <thead>
              <tr>
                <th scope="col">Operation</th>
                <th scope="col">Rate</th>
                <th scope="col">Errors</th>
                <th scope="col">p50</th>
                <th scope="col">p99</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.operation.kind}\u0000${r.operation.name}`} data-testid="map-operation">
                  <th scope="row" className="map-op-name" title={`${r.operation.name} (${r.operation.kind || 'unknown kind'}): ${plural(r.operation.count, 'span')}`}>
                    <span className="map-op-text">{r.operation.name}</span>
                    {r.operation.kind ? <span className="map-op-kind">{r.operation.kind}</span> : null}
                  </th>
                  <td>{formatRate(r.ratePerSecond, view.rateUnit)}</td>
                  <td className={r.operation.errorCount > 0 ? 'has-errors' : undefined}>{formatPercent(r.errorRate)}</td>
                  <td>{formatDuration(r.operation.p50Nanos)}</td>
                  <td>{formatDuration(r.operation.p99Nanos)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <CallList title="Called by" edges={incoming} view={view} other="source" onSelectEdge={props.onSelectEdge} />
      <CallList title="Calls" edges={outgoing} view={view} other="target" onSelectEdge={props.onSelectEdge} />
    </PanelFrame>
  );
}

export function EdgePanel(props: { edge: EdgeView; view: MapView; range: MapRange; onClose: () => void; onSelectNode: (id: string) => void }) {
  const { edge, view } = props;
  const source = view.nodeById.get(edge.edge.source)!;
  const target = view.nodeById.get(edge.edge.target)!;
  const e = edge.edge;
  const calleeHasSpans = target.node.kind === 'service' && target.node.spanCount > 0;
  return (
    <PanelFrame title={`${source.node.name} → ${target.node.name}`} subtitle={`calls to a ${target.kindLabel}`} onClose={props.onClose}>
      <dl className="map-stats">
        <Stat label="Calls" value={e.callCount.toLocaleString('en-US')} />
        <Stat label="Rate" value={formatRate(ratePerSecond(e.callCount, view.windowSeconds), view.rateUnit)} />
        <Stat label="Errors" value={`${e.errorCount.toLocaleString('en-US')} (${formatPercent(errorRate(e.errorCount, e.callCount))})`} error={e.errorCount > 0} />
        <Stat label="p50" value={formatDuration(e.p50Nanos)} />
        <Stat label="p99" value={formatDuration(e.p99Nanos)} />
      </dl>
      <p>
        <Link to={edgeSearchHref(source.node, target.node, props.range)} data-testid="map-search-link">
          {calleeHasSpans ? `Search traces of ${target.node.name}` : `Search ${source.node.name}'s calls to ${target.node.name}`}
        </Link>
      </p>
      <p className="map-panel-nav">
        <button type="button" className="link-button" onClick={() => props.onSelectNode(source.node.id)}>
          Caller: {source.node.name}
        </button>
        <button type="button" className="link-button" onClick={() => props.onSelectNode(target.node.id)}>
          Callee: {target.node.name}
        </button>
      </p>
    </PanelFrame>
  );
}
