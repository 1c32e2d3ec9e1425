import type { ReactNode } from 'react';
import { formatDuration, formatTimestamp } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import type { TraceTree } from './model/trace-tree.js';

export function TraceHeader(props: { tree: TraceTree }) {
  const { tree } = props;
  const root = tree.roots[0] !== undefined ? tree.nodes[tree.roots[0]]!.span : undefined;
  return (
    <header className="trace-header" data-testid="trace-header">
      <h1 className="trace-title">
        {root ? (
          <>
            <span className="trace-title-service">{root.serviceName}</span> {root.name}
          </>
        ) : (
          'Empty trace'
        )}
      </h1>
      <dl className="trace-facts">
        <Fact label="Trace ID" testId="trace-id">
          <code>{tree.traceId}</code>
        </Fact>
        <Fact label="Start" testId="trace-start">{formatTimestamp(tree.startUnixNano)}</Fact>
        <Fact label="Duration" testId="trace-duration">{formatDuration(tree.duration)}</Fact>
        <Fact label="Services" testId="trace-services">
          {tree.services.length}
          <span className="trace-service-chips">
            {tree.services.slice(0, 12).map((s) => (
              <span key={s} className="service-chip" style={{ borderColor: serviceColor(s) }}>
                <span className="service-dot" style={{ background: serviceColor(s) }} />
                {s}
              </span>
            ))}
            {tree.services.length > 12 ? <span className="service-chip">+{tree.services.length - 12} more</span> : null}
          </span>
        </Fact>
        <Fact label="Depth" testId="trace-depth">{tree.depth}</Fact>
        <Fact label="Spans" testId="trace-span-count">{tree.nodes.length}</Fact>
        <Fact label="Errors" testId="trace-error-count">
          <span className={tree.errorCount > 0 ? 'error-text' : undefined}>{tree.errorCount}</span>
        </Fact>
      </dl>
    </header>
  );
}

function Fact(props: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="trace-fact" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
