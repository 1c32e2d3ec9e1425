import { useState, type MouseEvent } from 'react';
import { navigate } from '../app/router.js';
import { formatDuration, formatTimestamp } from '../shared/format.js';
import { serviceColor } from '../shared/service-color.js';
import { formatPreciseUtc } from './model/format.js';
import { valueText } from './model/find-in-trace.js';
import type { AttributeJson, SpanJson } from './model/trace-json.js';
import { useSpanPayload } from './use-span-payload.js';
import type { TraceTree } from './model/trace-tree.js';

const HEX_TRACE_ID = /^[0-9a-f]{16}$|^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * Our own route for a span, built only from ids that are plain hex: span data never becomes an
 * href any other way.
 */
export function spanHref(traceId: string, spanId: string): string | undefined {
  const t = traceId.toLowerCase();
  const s = spanId.toLowerCase();
  if (!HEX_TRACE_ID.test(t) || !HEX_SPAN_ID.test(s)) return undefined;
  return `/trace/${t}?span=${s}`;
}

const followLink = (href: string) => (e: MouseEvent<HTMLAnchorElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(href);
};

/** `payloadVersion` changes when payloads were attached to the tree in place (re-read node.span). */
export function SpanDetails(p: { tree: TraceTree; node: number; payloadVersion?: number; onClose: () => void }) {
  const node = p.tree.nodes[p.node]!;
  const payload = useSpanPayload(p.tree.traceId, node.span);
  // Until an outline span's payload arrives, the facts the outline has are shown.
  const span = payload.kind === 'ready' ? payload.span : node.span;
  const [showJson, setShowJson] = useState(false);
  const [copied, setCopied] = useState(false);
  const json = showJson ? JSON.stringify(span, null, 2) : '';
  const parent = node.parent >= 0 ? p.tree.nodes[node.parent]!.span : undefined;
  const spanStart = BigInt(span.startTimeUnixNano);

  return (
    <aside className="span-details" data-testid="span-details" aria-label="Span details">
      <header className="sd-header">
        <h2>
          <span className="wf-service-dot" style={{ background: serviceColor(span.serviceName) }} />
          {span.name}
        </h2>
        <button type="button" className="sd-close" onClick={p.onClose} aria-label="Close details">
          ×
        </button>
      </header>
      <dl className="sd-facts">
        <dt>Service</dt>
        <dd>{span.serviceName}</dd>
        <dt>Kind</dt>
        <dd>{span.kind}</dd>
        <dt>Status</dt>
        <dd className={node.isError ? 'error-text' : undefined} data-testid="span-status">
          {span.status.code}
          {span.status.message ? `: ${span.status.message}` : ''}
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(node.duration)}</dd>
        <dt>Start</dt>
        <dd>
          {formatTimestamp(span.startTimeUnixNano)} <span className="muted">({formatPreciseUtc(spanStart)})</span>
          <br />+{formatDuration(node.start)} after the trace start
        </dd>
        <dt>End</dt>
        <dd>+{formatDuration(node.end)} after the trace start</dd>
        <dt>Span ID</dt>
        <dd>
          <code>{span.spanId}</code>
        </dd>
        <dt>Parent ID</dt>
        <dd>
          <code>{span.parentSpanId || '(root)'}</code>
          {parent && node.placement !== 'orphan' ? <span className="muted"> {parent.name}</span> : null}
          {node.placement === 'orphan' ? <span className="wf-orphan"> not in this trace: shown under the root</span> : null}
          {node.placement === 'cycle' ? <span className="wf-orphan"> its parent chain loops: shown under the root</span> : null}
          {node.placement === 'shared-half' ? <span className="muted"> server half of a shared span (Zipkin), shown under its client half</span> : null}
        </dd>
        <dt>Trace ID</dt>
        <dd>
          <code>{span.traceId}</code>
        </dd>
        <dt>Scope</dt>
        <dd>{span.scope.name ? `${span.scope.name}${span.scope.version ? ` ${span.scope.version}` : ''}` : <span className="muted">(none)</span>}</dd>
      </dl>
      {node.skew ? (
        <p className="sd-skew" data-testid="skew-explanation">
          ⚠ {node.skew}
        </p>
      ) : null}

      {payload.kind === 'loading' ? (
        <p className="muted" data-testid="span-payload-loading" aria-busy="true">
          Loading attributes, events and links…
        </p>
      ) : null}
      {payload.kind === 'failed' ? (
        <p className="error-text" data-testid="span-payload-error">
          Could not load this span's attributes, events and links: {payload.message}. Reopen the span to try again.
        </p>
      ) : null}
      {payload.kind === 'ready' ? <SpanPayloadSections span={span} spanStart={spanStart} /> : null}

      <section className="sd-section">
        <button type="button" data-testid="span-json" aria-expanded={showJson} onClick={() => setShowJson(!showJson)}>
          {showJson ? 'Hide JSON' : 'Show JSON'}
        </button>
        {showJson ? (
          <>
            <button
              type="button"
              data-testid="span-json-copy"
              onClick={() => {
                void navigator.clipboard?.writeText(json).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            <pre className="sd-json" data-testid="span-json-view" tabIndex={0}>
              {json}
            </pre>
          </>
        ) : null}
      </section>
    </aside>
  );
}

/** Attributes, resource, events and links: what an outline span lacks until fetched. */
function SpanPayloadSections(p: { span: SpanJson; spanStart: bigint }) {
  const { span, spanStart } = p;
  return (
    <>
      <Attributes title="Attributes" testId="span-attributes" attributes={span.attributes} />
      <Attributes title="Resource" testId="span-resource" attributes={span.resource} />

      <section className="sd-section">
        <h3>Events ({span.events.length})</h3>
        {span.events.length === 0 ? <p className="muted">No events.</p> : null}
        <ol className="sd-events">
          {span.events.map((ev, i) => {
            let offset = '';
            try {
              offset = formatDuration(BigInt(ev.timeUnixNano) - spanStart);
            } catch {
              offset = '?';
            }
            return (
              <li key={i}>
                <span className="sd-event-time">+{offset}</span> <strong>{ev.name}</strong>
                {ev.attributes.length > 0 ? <AttributeTable attributes={ev.attributes} /> : null}
              </li>
            );
          })}
        </ol>
      </section>

      <section className="sd-section">
        <h3>Links ({span.links.length})</h3>
        {span.links.length === 0 ? <p className="muted">No links.</p> : null}
        <ul className="sd-links">
          {span.links.map((l, i) => {
            const href = spanHref(l.traceId, l.spanId);
            return (
              <li key={i}>
                {href ? (
                  <a data-testid="span-link" href={href} onClick={followLink(href)}>
                    trace {l.traceId} · span {l.spanId}
                  </a>
                ) : (
                  <span title="Not a valid trace/span id, so not a link">
                    trace {l.traceId} · span {l.spanId}
                  </span>
                )}
                {l.attributes.length > 0 ? <AttributeTable attributes={l.attributes} /> : null}
              </li>
            );
          })}
        </ul>
      </section>

    </>
  );
}

function Attributes(p: { title: string; testId: string; attributes: readonly AttributeJson[] }) {
  return (
    <section className="sd-section" data-testid={p.testId}>
      <h3>
        {p.title} ({p.attributes.length})
      </h3>
      {p.attributes.length === 0 ? <p className="muted">None.</p> : <AttributeTable attributes={p.attributes} />}
    </section>
  );
}

function AttributeTable(p: { attributes: readonly AttributeJson[] }) {
  return (
    <table className="sd-attrs">
      <tbody>
        {p.attributes.map((a, i) => (
          <tr key={i}>
            <th scope="row">{a.key}</th>
            <td>
              <span className={`attr-value attr-${a.type}`}>{valueText(a.value)}</span>
            </td>
            <td className="attr-type">{a.type}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
