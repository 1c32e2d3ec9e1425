import { EMPTY_SCOPE, SpanKind, StatusCode, type Attribute, type InstrumentationScope, type Status } from '@skein/model';

/** Tags the OpenTelemetry Collector's Jaeger translator turns into span fields (tracetranslator / semconv names). */
export const JAEGER_TAGS = {
  spanKind: 'span.kind',
  error: 'error',
  statusCode: 'otel.status_code',
  statusDescription: 'otel.status_description',
  traceState: 'w3c.tracestate',
  scopeName: 'otel.scope.name',
  scopeVersion: 'otel.scope.version',
  refType: 'opentracing.ref_type',
  eventName: 'event',
} as const;

const KIND_BY_TAG: ReadonlyMap<string, SpanKind> = new Map<string, SpanKind>([
  ['client', SpanKind.CLIENT],
  ['server', SpanKind.SERVER],
  ['producer', SpanKind.PRODUCER],
  ['consumer', SpanKind.CONSUMER],
  ['internal', SpanKind.INTERNAL],
]);

const UNSET: Status = Object.freeze({ code: StatusCode.UNSET, message: '' });

export interface SpanFieldsFromTags {
  readonly attributes: Attribute[];
  readonly kind: SpanKind;
  readonly status: Status;
  readonly traceState: string;
  readonly scopeName: string;
  readonly scopeVersion: string;
}

/**
 * Reads the span kind, status, trace state and instrumentation scope out of a Jaeger span's
 * tags, as the OpenTelemetry Collector does (pkg/translator/jaeger, jaegerproto_to_traces.go:
 * setInternalSpanStatus, getTraceStateFromAttrs, getScope), with one difference of rule: a tag
 * is taken out of the attributes only when Skein's Jaeger query API (query/src/jaeger/
 * span-tags.ts) writes the very same tag back from the field. Everything else stays an
 * attribute, so a client gets back the tags it sent. Concretely:
 *
 * - `span.kind`: consumed when it is one of the five OpenTracing values (the collector drops
 *   any other value and leaves the kind unset; Skein keeps it as an attribute).
 * - `error` (bool true) → ERROR, consumed. The collector ignores a non-bool `error`, and so
 *   does Skein (it stays an attribute); `error=false` stays too.
 * - `otel.status_code` OK/ERROR (any case, like the collector) → the status, unless `error=true`
 *   already decided it ("the error tag is the ultimate truth"); consumed when the query API
 *   would write it back (it writes OK for OK and ERROR for ERROR). Other values (UNSET, junk)
 *   stay as attributes, where the collector would drop them.
 * - `otel.status_description` → the status message when a status was set from the tags above;
 *   consumed when non-empty (the query API writes back only non-empty messages).
 * - Not done: the collector's fallback that derives an ERROR status (and message) from
 *   `http.status_code`/`http.status_message` when no status tag was sent. It would make the
 *   query API report `error=true` tags the client never sent; the HTTP tags stay searchable.
 * - `w3c.tracestate` (non-empty string) → traceState (the collector does this for protobuf only).
 * - `otel.scope.name` / `otel.scope.version` (non-empty strings; the version only with a name)
 *   → the span's instrumentation scope (the collector does this for protobuf only).
 *
 * When a key repeats, its last occurrence is the one used (later tags win, as in the
 * collector's attribute map); earlier ones stay as attributes.
 */
export function spanFieldsFromTags(tags: Attribute[]): SpanFieldsFromTags {
  let kindAt = -1;
  let errorAt = -1;
  let codeAt = -1;
  let descriptionAt = -1;
  let traceStateAt = -1;
  let scopeNameAt = -1;
  let scopeVersionAt = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t.value.type === 'string') {
      switch (t.key) {
        case JAEGER_TAGS.spanKind:
          kindAt = i;
          break;
        case JAEGER_TAGS.statusCode:
          codeAt = i;
          break;
        case JAEGER_TAGS.statusDescription:
          descriptionAt = i;
          break;
        case JAEGER_TAGS.traceState:
          traceStateAt = i;
          break;
        case JAEGER_TAGS.scopeName:
          scopeNameAt = i;
          break;
        case JAEGER_TAGS.scopeVersion:
          scopeVersionAt = i;
          break;
      }
    } else if (t.value.type === 'bool' && t.key === JAEGER_TAGS.error) errorAt = i;
  }
  // The common case (plain attributes only): no copy.
  if ((kindAt & errorAt & codeAt & descriptionAt & traceStateAt & scopeNameAt & scopeVersionAt) === -1) {
    return { attributes: tags, kind: SpanKind.UNSPECIFIED, status: UNSET, traceState: '', scopeName: '', scopeVersion: '' };
  }

  const consumed = new Set<number>();
  const text = (at: number): string => (at < 0 ? '' : (tags[at]!.value.value as string));

  const kind = kindAt >= 0 ? (KIND_BY_TAG.get(text(kindAt)) ?? SpanKind.UNSPECIFIED) : SpanKind.UNSPECIFIED;
  if (kind !== SpanKind.UNSPECIFIED) consumed.add(kindAt);

  let code: StatusCode = StatusCode.UNSET;
  let statusFromTags = false;
  const codeName = text(codeAt).toUpperCase();
  if (errorAt >= 0 && tags[errorAt]!.value.value === true) {
    code = StatusCode.ERROR;
    statusFromTags = true;
    consumed.add(errorAt);
    if (codeAt >= 0 && codeName === 'ERROR') consumed.add(codeAt);
  } else if (codeName === 'OK' || codeName === 'ERROR') {
    code = codeName === 'OK' ? StatusCode.OK : StatusCode.ERROR;
    statusFromTags = true;
    consumed.add(codeAt);
  }
  let message = '';
  if (statusFromTags && text(descriptionAt) !== '') {
    message = text(descriptionAt);
    consumed.add(descriptionAt);
  }

  const traceState = text(traceStateAt);
  if (traceState !== '') consumed.add(traceStateAt);

  const scopeName = text(scopeNameAt);
  let scopeVersion = '';
  if (scopeName !== '') {
    consumed.add(scopeNameAt);
    scopeVersion = text(scopeVersionAt);
    if (scopeVersion !== '') consumed.add(scopeVersionAt);
  }

  return {
    attributes: consumed.size === 0 ? tags : tags.filter((_, i) => !consumed.has(i)),
    kind,
    status: code === StatusCode.UNSET && message === '' ? UNSET : { code, message },
    traceState,
    scopeName,
    scopeVersion,
  };
}

/** One InstrumentationScope object per (name, version) within a request, shared by its spans. */
export class JaegerScopes {
  private readonly byKey = new Map<string, InstrumentationScope>();

  get(name: string, version: string): InstrumentationScope {
    if (name === '') return EMPTY_SCOPE;
    const key = `${name}\u0000${version}`;
    let s = this.byKey.get(key);
    if (!s) {
      s = Object.freeze({ name, version, attributes: Object.freeze([]) as readonly [] });
      this.byKey.set(key, s);
    }
    return s;
  }
}
