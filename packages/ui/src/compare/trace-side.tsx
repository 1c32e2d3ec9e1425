import { Link, traceHref } from '../app/link.js';
import { formatDuration, formatTimestamp } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import type { TraceTree } from '../trace/model/trace-tree.js';

/** One trace's header on the Compare page: what it is, how big, and a link to open it. */
export function TraceSide(props: { side: 'A' | 'B'; tree: TraceTree }) {
  const { tree, side } = props;
  const root = tree.roots[0] !== undefined ? tree.nodes[tree.roots[0]]!.span : undefined;
  return (
    <article className={`compare-side side-${side.toLowerCase()}`} data-testid={`compare-side-${side.toLowerCase()}`} aria-label={`Trace ${side}`}>
      <header className="compare-side-head">
        <span className="side-badge">{side}</span>
        <span className="compare-side-title">
          {root ? (
            <>
              <span className="svc-swatch" style={{ background: serviceColor(root.serviceName) }} aria-hidden="true" />
              <span className="compare-side-service">{root.serviceName}</span> {root.name}
            </>
          ) : (
            'Empty trace'
          )}
        </span>
      </header>
      <dl className="compare-facts">
        <div>
          <dt>Duration</dt>
          <dd data-testid="side-duration">{formatDuration(tree.duration)}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd data-testid="side-span-count">{tree.nodes.length}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd data-testid="side-error-count" className={tree.errorCount > 0 ? 'error-text' : undefined}>
            {tree.errorCount}
          </dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd>{formatTimestamp(tree.startUnixNano)}</dd>
        </div>
      </dl>
      <Link to={traceHref(tree.traceId)} className="compare-open" data-testid={`open-trace-${side.toLowerCase()}`}>
        Open trace <code>{tree.traceId}</code>
      </Link>
    </article>
  );
}
