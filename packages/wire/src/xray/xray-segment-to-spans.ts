import {
  EMPTY_RESOURCE,
  EMPTY_SCOPE,
  SpanKind,
  StatusCode,
  array,
  bool,
  isIdProblem,
  normalizeSpanId,
  str,
  type AnyValue,
  type Attribute,
  type Resource,
  type Span,
  type SpanLink,
  type Status,
} from '@skein/model';
import { mapAnnotations, mapMetadata } from './xray-annotations.js';
import { mapAwsToSpan } from './xray-aws.js';
import { mapCause } from './xray-cause.js';
import { mapHttp } from './xray-http.js';
import {
  asObject,
  childPath,
  jsonToAnyValue,
  keepUnmapped,
  optionalArray,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  optionalStringList,
  type JsonObject,
} from './xray-json-fields.js';
import { SEMCONV, XRAY_KEYS } from './xray-keys.js';
import { RESOURCE_FIELDS, documentResource } from './xray-resource.js';
import { secondsToNanos } from './xray-seconds.js';
import { mapSql } from './xray-sql.js';
import { xrayTraceIdToHex } from './xray-trace-id.js';

/** Fields of a (sub)segment this mapping reads; any other is kept as `aws.xray.<field>`. */
const SEGMENT_FIELDS: ReadonlySet<string> = new Set([
  'name', 'id', 'trace_id', 'parent_id', 'start_time', 'end_time', 'in_progress', 'type', 'namespace', 'user', 'http',
  'fault', 'error', 'throttle', 'cause', 'aws', 'sql', 'annotations', 'metadata', 'precursor_ids', 'traced', 'links', 'subsegments',
]);
const DOCUMENT_ROOT_FIELDS: ReadonlySet<string> = new Set([...SEGMENT_FIELDS, ...RESOURCE_FIELDS]);

interface Walk {
  readonly resource: Resource;
  /** The document's trace id, which embedded subsegments inherit. */
  readonly traceId: string;
  readonly spans: Span[];
}

interface Position {
  readonly parentId: string;
  /**
   * The document's segment: the span of the service that handled a request, whose
   * document-level fields (origin, service, aws.ec2...) describe that service and go to the
   * resource. A subsegment (embedded, or sent on its own) is an operation of a service: all
   * it carries stays on its span.
   */
  readonly isSegment: boolean;
}

/**
 * One segment document → spans, the document's top (sub)segment first, then its embedded
 * subsegments depth-first, each parented by the one it is nested in. After the collector's
 * ToTraces/segToSpans/populateSpan (receiver/awsxrayreceiver/internal/translator/translator.go);
 * where Skein departs from it, the function doing so says why.
 *
 * Ids are passed through lowercased, unvalidated: a bad id or a missing start time costs that
 * span (the pipeline rejects it), not the document.
 */
export function segmentDocumentToSpans(doc: JsonObject): Span[] {
  const type = optionalString(doc, 'type', '');
  const parentId = optionalString(doc, 'parent_id', '');
  // translator.go ToTraces: a subsegment sent on its own names its parent and says what it is.
  const independentSubsegment = parentId !== undefined && type !== undefined && type.toLowerCase() === 'subsegment';
  // Such a subsegment does not say which service it belongs to (the collector would take its
  // name, an operation or a remote host, as service.name). Skein gives it no resource at all:
  // the X-Ray receiver gives it its segment's resource once it has seen that segment
  // (receivers/src/xray/held-segments.ts), as X-Ray merges it into its segment. Everything the
  // subsegment carries is on its span, so that swap loses nothing.
  const resource = independentSubsegment ? EMPTY_RESOURCE : documentResource(doc);
  const walk: Walk = { resource, traceId: optionalString(doc, 'trace_id', '') ?? '', spans: [] };
  addSegment(doc, '', { parentId: parentId ?? '', isSegment: !independentSubsegment }, walk);
  return walk.spans;
}

function addSegment(o: JsonObject, path: string, at: Position, walk: Walk): void {
  const attrs = new Map<string, AnyValue>();
  const id = (optionalString(o, 'id', path) ?? '').toLowerCase();
  const name = optionalString(o, 'name', path) ?? '';
  const traceId = traceIdOf(optionalString(o, 'trace_id', path) ?? walk.traceId);

  // Times: an in-progress segment has no end yet; it is given its start as end so that it is a
  // valid (zero-length) span, marked in progress (the receiver holds it until it completes).
  const start = secondsToNanos(optionalNumber(o, 'start_time', path) ?? 0); // missing → 0, which the pipeline rejects
  const endSeconds = optionalNumber(o, 'end_time', path);
  const end = endSeconds === undefined ? start : secondsToNanos(endSeconds);
  const inProgress = optionalBoolean(o, 'in_progress', path) ?? (endSeconds === undefined ? true : undefined);
  if (inProgress !== undefined) attrs.set(XRAY_KEYS.inProgress, bool(inProgress));

  const user = optionalString(o, 'user', path);
  if (user !== undefined) attrs.set(SEMCONV.enduserId, str(user));
  const http = mapHttp(optionalObject(o, 'http', path), path, attrs);
  const cause = mapCause(Object.hasOwn(o, 'cause') ? o.cause : undefined, path, end, attrs);
  mapAwsToSpan(optionalObject(o, 'aws', path), path, at.isSegment, attrs);
  mapSql(optionalObject(o, 'sql', path), path, attrs);
  const traced = optionalBoolean(o, 'traced', path);
  if (traced !== undefined) attrs.set(XRAY_KEYS.traced, bool(traced));
  mapAnnotations(optionalObject(o, 'annotations', path), attrs);
  mapMetadata(optionalObject(o, 'metadata', path), attrs);

  const namespace = optionalString(o, 'namespace', path);
  const kind = kindOf(namespace, http.hasClientIp, at);
  if (namespace === 'aws') attrs.set(XRAY_KEYS.awsService, str(name)); // name.go: an AWS call is named after the service
  if (namespace !== undefined) attrs.set(XRAY_KEYS.namespace, str(namespace));
  const type = optionalString(o, 'type', path);
  if (type !== undefined) attrs.set(XRAY_KEYS.type, str(type));
  const flags = faultFlags(o, path, attrs);
  const precursors = optionalStringList(o, 'precursor_ids', path);
  if (precursors !== undefined) attrs.set(XRAY_KEYS.precursorIds, array(precursors.map((p) => str(p))));
  keepUnmapped(o, at.isSegment ? DOCUMENT_ROOT_FIELDS : SEGMENT_FIELDS, XRAY_KEYS.fieldPrefix, attrs);

  const links = linksOf(optionalArray(o, 'links', path), path);
  walk.spans.push({
    traceId,
    spanId: id,
    parentSpanId: at.parentId.toLowerCase(),
    traceState: '',
    flags: 0,
    name,
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: toAttributeList(attrs),
    droppedAttributesCount: 0,
    events: cause?.events ?? [],
    droppedEventsCount: 0,
    links: links.links,
    droppedLinksCount: links.dropped,
    status: statusOf(http.status, cause !== undefined, cause?.exceptionId, flags),
    resource: walk.resource,
    scope: EMPTY_SCOPE,
    traceIdHigh64Absent: false,
    shared: false,
  });

  const subsegments = optionalArray(o, 'subsegments', path);
  if (!subsegments) return;
  const listPath = childPath(path, 'subsegments');
  for (let i = 0; i < subsegments.length; i++) {
    // translator.go segToSpans: embedded subsegments take their parent from the nesting.
    addSegment(asObject(subsegments[i], `${listPath}[${i}]`), `${listPath}[${i}]`, { parentId: id, isSegment: false }, walk);
  }
}

/**
 * name.go addNameAndNamespace, then populateSpan: a server recording an incoming request
 * (client_ip set) is SERVER; namespace "aws" or "remote" (a downstream call) is CLIENT; anything
 * else is INTERNAL; a document's top segment is always SERVER (a service handling a request),
 * an independently sent subsegment keeps the kind of what it is. The collector rejects the
 * whole segment for another namespace (the X-Ray docs only define these two); Skein keeps the
 * span, INTERNAL, with the namespace in `aws.xray.namespace`.
 */
function kindOf(namespace: string | undefined, hasClientIp: boolean, at: Position): SpanKind {
  if (at.isSegment) return SpanKind.SERVER;
  if (namespace === 'aws' || namespace === 'remote') return SpanKind.CLIENT;
  return hasClientIp ? SpanKind.SERVER : SpanKind.INTERNAL;
}

interface FaultFlags {
  readonly anySet: boolean;
}

/** fault (5xx / unhandled), error (4xx), throttle (429): kept as `aws.xray.*` booleans (the collector drops them). */
function faultFlags(o: JsonObject, path: string, attrs: Map<string, AnyValue>): FaultFlags {
  let anySet = false;
  for (const [field, key] of [['fault', XRAY_KEYS.fault], ['error', XRAY_KEYS.error], ['throttle', XRAY_KEYS.throttle]] as const) {
    const v = optionalBoolean(o, field, path);
    if (v === undefined) continue;
    attrs.set(key, bool(v));
    anySet ||= v;
  }
  return { anySet };
}

/**
 * The collector's rules (http.go, cause.go): an HTTP status outside 100–399 is ERROR
 * (tracetranslator.StatusCodeFromHTTP); a cause makes an unset status ERROR, and a cause that is
 * only an exception id becomes the message. Skein adds: fault, error or throttle set means the
 * X-Ray SDK saw the call fail, so ERROR too (the collector ignores the flags; its X-Ray exporter
 * writes them for exactly these cases, so this is the inverse of its mapping).
 * (The collector's segToSpans also copies a child's error code onto a parent with a cause;
 * with OTLP's single ERROR code that can no longer change anything.)
 */
function statusOf(httpStatus: number | undefined, hasCause: boolean, exceptionId: string | undefined, flags: FaultFlags): Status {
  let code: StatusCode = StatusCode.UNSET;
  if (httpStatus !== undefined && !(httpStatus >= 100 && httpStatus < 400)) code = StatusCode.ERROR;
  if (hasCause || flags.anySet) code = StatusCode.ERROR;
  return { code, message: exceptionId ?? '' };
}

/**
 * Span links (`links: [{trace_id, id, attributes}]`, which the collector's exporter writes and
 * its receiver does not read yet). A link whose ids are not X-Ray/hex ids cannot be stored as a
 * link; it is counted in droppedLinksCount, as OTLP does for links it could not keep.
 */
function linksOf(list: readonly unknown[] | undefined, path: string): { links: SpanLink[]; dropped: number } {
  if (!list) return { links: [], dropped: 0 };
  const links: SpanLink[] = [];
  let dropped = 0;
  list.forEach((item, i) => {
    const p = `${childPath(path, 'links')}[${i}]`;
    const l = asObject(item, p);
    const traceId = xrayTraceIdToHex(optionalString(l, 'trace_id', p) ?? '');
    const spanId = normalizeSpanId(optionalString(l, 'id', p) ?? '');
    const attributes: Attribute[] = [];
    const a = optionalObject(l, 'attributes', p);
    if (a) {
      for (const key of Object.keys(a)) {
        const value = jsonToAnyValue(a[key]);
        if (value !== undefined) attributes.push({ key, value });
      }
    }
    if (traceId === undefined || isIdProblem(spanId)) dropped++;
    else links.push({ traceId, spanId, traceState: '', attributes, droppedAttributesCount: 0, flags: 0 });
  });
  return { links, dropped };
}

/** X-Ray form → 32 hex; anything else passes through lowercased for the pipeline to judge. */
function traceIdOf(raw: string): string {
  return xrayTraceIdToHex(raw) ?? raw.toLowerCase();
}

function toAttributeList(attrs: Map<string, AnyValue>): Attribute[] {
  const out: Attribute[] = [];
  for (const [key, value] of attrs) out.push({ key, value });
  return out;
}
