import assert from 'node:assert/strict';
import { childOfIds, serviceOf, tagOf, type JaegerSpan, type JaegerTrace } from '@skein/server/e2e/read-back';

/** Questions the e2e tests ask of a trace read back through Skein's Jaeger API. */
export class TraceTree {
  private readonly byId: Map<string, JaegerSpan>;
  constructor(readonly trace: JaegerTrace) {
    this.byId = new Map(trace.spans.map((s) => [s.spanID, s]));
  }

  service(span: JaegerSpan): string {
    return serviceOf(this.trace, span);
  }

  services(): Set<string> {
    return new Set(this.trace.spans.map((s) => this.service(s)));
  }

  kind(span: JaegerSpan): string | undefined {
    return tagOf(span, 'span.kind')?.value as string | undefined;
  }

  /** The spans of a service, optionally only those of one kind (server, client, internal). */
  spans(service: string, kind?: string): JaegerSpan[] {
    return this.trace.spans.filter((s) => this.service(s) === service && (kind === undefined || this.kind(s) === kind));
  }

  /** The only span matching; fails listing what there is otherwise. */
  one(service: string, what: { name?: string; kind?: string; parent?: Pick<JaegerSpan, 'spanID' | 'operationName'> | { spanID: string; operationName?: undefined } }): JaegerSpan {
    const found = this.spans(service, what.kind).filter((s) => (what.name === undefined || s.operationName === what.name) && (what.parent === undefined || this.parentId(s) === what.parent.spanID));
    assert.equal(found.length, 1, `expected one ${service} span ${JSON.stringify({ name: what.name, kind: what.kind, parent: what.parent?.operationName })}; the trace has:\n${this.describe()}`);
    return found[0]!;
  }

  parentId(span: JaegerSpan): string | undefined {
    return childOfIds(span)[0];
  }

  parent(span: JaegerSpan): JaegerSpan | undefined {
    const id = this.parentId(span);
    return id === undefined ? undefined : this.byId.get(id);
  }

  children(span: JaegerSpan): JaegerSpan[] {
    return this.trace.spans.filter((s) => this.parentId(s) === span.spanID);
  }

  /** One line per span, indented under its parent: what a failed assertion shows. */
  describe(): string {
    const lines: string[] = [];
    const walk = (span: JaegerSpan, depth: number) => {
      lines.push(`${'  '.repeat(depth)}${this.service(span)}: ${span.operationName} [${this.kind(span) ?? '-'}] ${span.spanID}`);
      for (const child of this.children(span)) walk(child, depth + 1);
    };
    for (const root of this.trace.spans.filter((s) => this.parent(s) === undefined)) walk(root, 0);
    return lines.join('\n');
  }
}

/** A tag's value, or undefined. */
export const tagValue = (span: JaegerSpan, key: string): unknown => tagOf(span, key)?.value;

/** Whether the span's status is ERROR (Jaeger's `error=true`). */
export const isError = (span: JaegerSpan): boolean => tagValue(span, 'error') === true;

/** The field values of the span's `exception` events (OpenTelemetry's recordException). */
export function exceptionEvents(span: JaegerSpan): Array<Record<string, unknown>> {
  return span.logs
    .map((log) => Object.fromEntries(log.fields.map((f) => [f.key, f.value])))
    .filter((fields) => fields.event === 'exception');
}
