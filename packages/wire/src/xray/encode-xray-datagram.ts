import { SkeinError, SpanKind, StatusCode, anyValueToJson, type AnyValue, type JsonValue, type Span } from '@skein/model';
import { AWS_SPAN_STRING_FIELDS } from './xray-aws.js';
import { UNKNOWN_LINE } from './xray-cause.js';
import { XRAY_DAEMON_HEADER } from './xray-daemon-header.js';
import { EXCEPTION_EVENT, SEMCONV, XRAY_KEYS } from './xray-keys.js';
import { originOfPlatform } from './xray-origin.js';
import { nanosToSeconds } from './xray-seconds.js';
import { databaseNameOf } from './xray-sql.js';
import { hexToXrayTraceId } from './xray-trace-id.js';

type JsonObject = { [k: string]: JsonValue };

/**
 * Spans → one X-Ray daemon datagram (header line + one segment document): the one span whose
 * parent is not among `spans` is the document's segment, the others are nested under their
 * parents as subsegments, in the order given. For tests and benchmarks: it is the inverse of
 * decodeXrayDatagram over what X-Ray can express (decoding the result gives the same spans for
 * spans that came from X-Ray). Attributes X-Ray has no field for become annotations (scalars)
 * or `metadata.default` entries (lists, maps, bytes); events other than exceptions are dropped.
 */
export function encodeXrayDatagram(spans: readonly Span[]): Uint8Array {
  const ids = new Set(spans.map((s) => s.spanId));
  const roots = spans.filter((s) => s.parentSpanId === '' || !ids.has(s.parentSpanId));
  if (roots.length !== 1) throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `an X-Ray datagram holds one segment document: expected one span without a parent among the spans, found ${roots.length}`);
  const children = new Map<string, Span[]>();
  for (const s of spans) {
    if (s === roots[0]) continue;
    const list = children.get(s.parentSpanId);
    if (list) list.push(s);
    else children.set(s.parentSpanId, [s]);
  }
  const root = roots[0]!;
  let emitted = 0;
  const encode = (span: Span, isRoot: boolean): JsonObject => {
    emitted++;
    const o = segmentOf(span, isRoot, root.traceId);
    const nested = children.get(span.spanId);
    if (nested) {
      children.delete(span.spanId); // a span id used twice cannot loop the walk
      o.subsegments = nested.map((c) => encode(c, false));
    }
    return o;
  };
  const doc = encode(root, true);
  if (emitted !== spans.length) throw new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `${spans.length - emitted} span(s) are not descendants of the segment span ${root.spanId}`);
  return Buffer.from(`${XRAY_DAEMON_HEADER}\n${JSON.stringify(doc)}`, 'utf8');
}

/** The span's attributes, taken one by one as fields are written; what is left over is written last. */
class Attributes {
  private readonly left: Map<string, AnyValue>;
  constructor(attrs: Span['attributes']) {
    this.left = new Map(attrs.map((a) => [a.key, a.value]));
  }
  peek(key: string): AnyValue | undefined {
    return this.left.get(key);
  }
  take(key: string): AnyValue | undefined {
    const v = this.left.get(key);
    this.left.delete(key);
    return v;
  }
  string(key: string): string | undefined {
    const v = this.left.get(key);
    if (v?.type !== 'string') return undefined;
    this.left.delete(key);
    return v.value;
  }
  bool(key: string): boolean | undefined {
    const v = this.left.get(key);
    if (v?.type !== 'bool') return undefined;
    this.left.delete(key);
    return v.value;
  }
  /** Every `prefix + name` (name without dots) as `{name: json}`, taken. */
  prefixed(prefix: string, into: JsonObject = {}): JsonObject {
    for (const [key, value] of this.left) {
      if (!key.startsWith(prefix) || key.includes('.', prefix.length)) continue;
      into[key.slice(prefix.length)] = anyValueToJson(value);
      this.left.delete(key);
    }
    return into;
  }
  rest(): Array<[string, AnyValue]> {
    const out = [...this.left];
    this.left.clear();
    return out;
  }
}

function segmentOf(span: Span, isRoot: boolean, rootTraceId: string): JsonObject {
  const a = new Attributes(span.attributes);
  const o: JsonObject = {};
  if (isRoot || span.traceId !== rootTraceId) o.trace_id = hexToXrayTraceId(span.traceId);
  o.id = span.spanId;
  if (isRoot && span.parentSpanId !== '') o.parent_id = span.parentSpanId;
  const type = a.string(XRAY_KEYS.type) ?? (isRoot && span.parentSpanId !== '' && span.kind !== SpanKind.SERVER ? 'subsegment' : undefined);
  if (type !== undefined) o.type = type;
  o.name = span.name;
  o.start_time = nanosToSeconds(span.startTimeUnixNano);
  const inProgress = a.bool(XRAY_KEYS.inProgress);
  if (inProgress === true) o.in_progress = true;
  else {
    if (inProgress === false) o.in_progress = false;
    o.end_time = nanosToSeconds(span.endTimeUnixNano);
  }
  const awsService = a.peek(XRAY_KEYS.awsService);
  const namespace = a.string(XRAY_KEYS.namespace) ?? (span.kind === SpanKind.CLIENT ? (awsService !== undefined ? 'aws' : 'remote') : undefined);
  if (namespace !== undefined) o.namespace = namespace;
  // The decoder names an AWS call's service after the subsegment; only that copy is implied.
  if (namespace === 'aws' && awsService?.type === 'string' && awsService.value === span.name) a.take(XRAY_KEYS.awsService);
  const user = a.string(SEMCONV.enduserId);
  if (user !== undefined) o.user = user;
  if (isRoot) writeResource(span, o);
  const aws = awsOf(a, isRoot ? (o.aws as JsonObject | undefined) : undefined);
  if (aws) o.aws = aws;
  const http = httpOf(a);
  if (http) o.http = http;
  const sql = sqlOf(a);
  if (sql) o.sql = sql;
  writeFaultsAndCause(span, a, o, http);
  const traced = a.bool(XRAY_KEYS.traced);
  if (traced !== undefined) o.traced = traced;
  const precursors = a.take(XRAY_KEYS.precursorIds);
  if (precursors) o.precursor_ids = anyValueToJson(precursors);
  const annotations = annotationsOf(a);
  const metadata = metadataOf(a);
  if (span.links.length > 0) {
    o.links = span.links.map((l) => ({ trace_id: hexToXrayTraceId(l.traceId), id: l.spanId, attributes: Object.fromEntries(l.attributes.map((x) => [x.key, anyValueToJson(x.value)])) }));
  }
  // Other top-level fields the decoder kept as aws.xray.<field>.
  a.prefixed(XRAY_KEYS.fieldPrefix, o);
  // Whatever X-Ray has no field for: scalars as annotations, the rest as metadata.
  for (const [key, value] of a.rest()) {
    if (value.type === 'string' || value.type === 'int' || value.type === 'double' || value.type === 'bool') annotations[key] = anyValueToJson(value);
    else ((metadata.default ??= {}) as JsonObject)[key] = anyValueToJson(value);
  }
  if (Object.keys(annotations).length > 0) o.annotations = annotations;
  if (Object.keys(metadata).length > 0) o.metadata = metadata;
  return o;
}

/** Resource → the segment-only fields (inverse of xray-resource.ts). */
function writeResource(span: Span, o: JsonObject): void {
  const r = new Attributes(span.resource.attributes);
  const service = r.prefixed(XRAY_KEYS.servicePrefix);
  const version = r.string(SEMCONV.serviceVersion);
  if (version !== undefined) service.version = version;
  if (Object.keys(service).length > 0) o.service = service;
  const platform = r.string(SEMCONV.cloudPlatform);
  const origin = r.string(XRAY_KEYS.origin) ?? (platform === undefined ? undefined : originOfPlatform(platform, r.string(SEMCONV.awsEcsLaunchType)));
  if (origin !== undefined) o.origin = origin;
  const arn = r.string(XRAY_KEYS.resourceArn);
  if (arn !== undefined) o.resource_arn = arn;
  if (r.string(SEMCONV.cloudProvider) !== 'aws') return;
  const aws: JsonObject = {};
  const account = r.string(SEMCONV.cloudAccountId);
  if (account !== undefined) aws.account_id = account;
  const xray = r.prefixed(`${XRAY_KEYS.awsPrefix}xray.`);
  const sdk = r.string(SEMCONV.telemetrySdkName);
  if (sdk !== undefined) xray.sdk = sdk;
  const sdkVersion = r.string(SEMCONV.telemetrySdkVersion);
  if (sdkVersion !== undefined) xray.sdk_version = sdkVersion;
  if (Object.keys(xray).length > 0) aws.xray = xray;
  const object = (name: string, fields: ReadonlyArray<readonly [field: string, key: string]>): void => {
    const out = r.prefixed(`${XRAY_KEYS.awsPrefix}${name}.`);
    for (const [field, key] of fields) {
      const v = r.string(key);
      if (v !== undefined) out[field] = v;
    }
    if (Object.keys(out).length > 0) aws[name] = out;
  };
  object('eks', [['cluster_name', SEMCONV.k8sClusterName], ['pod', SEMCONV.k8sPodName], ['container_id', SEMCONV.containerId]]);
  object('ec2', [['instance_id', SEMCONV.hostId], ['instance_size', SEMCONV.hostType], ['ami_id', SEMCONV.hostImageId], ['availability_zone', SEMCONV.cloudAvailabilityZone]]);
  object('ecs', [['container', SEMCONV.containerName], ['container_id', SEMCONV.containerId], ['availability_zone', SEMCONV.cloudAvailabilityZone]]);
  object('elastic_beanstalk', [['environment_name', SEMCONV.serviceNamespace]]);
  o.aws = aws;
}


function awsOf(a: Attributes, fromResource: JsonObject | undefined): JsonObject | undefined {
  const aws = a.prefixed(XRAY_KEYS.awsPrefix, fromResource ?? {});
  for (const [field, key] of AWS_SPAN_STRING_FIELDS) {
    const v = a.string(key);
    if (v !== undefined) aws[field] = v;
  }
  const retries = a.take(XRAY_KEYS.retries);
  if (retries) aws.retries = anyValueToJson(retries);
  return Object.keys(aws).length > 0 || fromResource ? aws : undefined;
}

function httpOf(a: Attributes): JsonObject | undefined {
  const request = a.prefixed(`${XRAY_KEYS.httpPrefix}request.`);
  const put = (o: JsonObject, field: string, v: string | boolean | undefined): void => {
    if (v !== undefined) o[field] = v;
  };
  put(request, 'method', a.string(SEMCONV.httpRequestMethod));
  put(request, 'client_ip', a.string(SEMCONV.clientAddress));
  put(request, 'user_agent', a.string(SEMCONV.userAgentOriginal));
  put(request, 'url', a.string(SEMCONV.urlFull));
  put(request, 'x_forwarded_for', a.bool(XRAY_KEYS.xForwardedFor));
  const response = a.prefixed(`${XRAY_KEYS.httpPrefix}response.`);
  const status = a.take(SEMCONV.httpResponseStatusCode);
  if (status) response.status = anyValueToJson(status);
  const length = a.take(SEMCONV.httpResponseBodySize);
  if (length) response.content_length = anyValueToJson(length);
  const http = a.prefixed(XRAY_KEYS.httpPrefix);
  if (Object.keys(request).length > 0) http.request = request;
  if (Object.keys(response).length > 0) http.response = response;
  return Object.keys(http).length > 0 ? http : undefined;
}

function sqlOf(a: Attributes): JsonObject | undefined {
  const sql = a.prefixed(XRAY_KEYS.sqlPrefix);
  const type = a.string(SEMCONV.dbSystemName);
  if (type !== undefined) sql.database_type = type;
  const query = a.string(SEMCONV.dbQueryText);
  if (query !== undefined) sql.sanitized_query = query;
  // db.namespace is read out of the url; it goes back only through it.
  if (typeof sql.url === 'string' && databaseNameOf(sql.url) !== undefined) a.take(SEMCONV.dbNamespace);
  return Object.keys(sql).length > 0 ? sql : undefined;
}

/** fault/error/throttle flags and the cause; an ERROR status nothing else expresses becomes `fault`. */
function writeFaultsAndCause(span: Span, a: Attributes, o: JsonObject, http: JsonObject | undefined): void {
  let flagged = false;
  for (const [field, key] of [['fault', XRAY_KEYS.fault], ['error', XRAY_KEYS.error], ['throttle', XRAY_KEYS.throttle]] as const) {
    const v = a.bool(key);
    if (v === undefined) continue;
    o[field] = v;
    flagged ||= v;
  }
  const cause = a.prefixed(XRAY_KEYS.causePrefix);
  const causeId = cause.id;
  delete cause.id;
  const exceptions = span.events.filter((e) => e.name === EXCEPTION_EVENT).map(exceptionOf);
  if (exceptions.length > 0) cause.exceptions = exceptions;
  if (Object.keys(cause).length > 0) o.cause = cause;
  else if (typeof causeId === 'string') o.cause = causeId;
  const status = (http?.response as JsonObject | undefined)?.status;
  const httpFailed = typeof status === 'number' && !(status >= 100 && status < 400);
  if (span.status.code === StatusCode.ERROR && !flagged && o.cause === undefined && !httpFailed) o.fault = true;
}

function exceptionOf(e: Span['events'][number]): JsonObject {
  const a = new Attributes(e.attributes);
  const out: JsonObject = {};
  const put = (field: string, v: JsonValue | undefined): void => {
    if (v !== undefined) out[field] = v;
  };
  put('id', a.string(XRAY_KEYS.exceptionId));
  put('message', a.string(SEMCONV.exceptionMessage));
  put('type', a.string(SEMCONV.exceptionType));
  put('remote', a.bool(XRAY_KEYS.exceptionRemote));
  const truncated = a.take(XRAY_KEYS.exceptionTruncated);
  if (truncated) out.truncated = anyValueToJson(truncated);
  const skipped = a.take(XRAY_KEYS.exceptionSkipped);
  if (skipped) out.skipped = anyValueToJson(skipped);
  put('cause', a.string(XRAY_KEYS.exceptionCause));
  const stack = a.string(SEMCONV.exceptionStacktrace);
  if (stack !== undefined) out.stack = stackFramesOf(stack);
  a.prefixed(XRAY_KEYS.exceptionPrefix, out);
  return out;
}

/** Reads back the collector's stack text ("\tat label(path: line)" per frame; see xray-cause.ts). */
function stackFramesOf(text: string): JsonObject[] {
  const frames: JsonObject[] = [];
  for (const line of text.split('\n').slice(1)) {
    const m = /^\tat (.*?)\((.*): ([^)]*)\)$/s.exec(line);
    if (!m) continue;
    const n = Number(m[3]);
    frames.push({ path: m[2]!, line: m[3] === UNKNOWN_LINE || !Number.isFinite(n) ? null : n, label: m[1]! });
  }
  return frames;
}

function annotationsOf(a: Attributes): JsonObject {
  const out: JsonObject = {};
  const keys = a.take(XRAY_KEYS.annotations);
  if (keys?.type !== 'array') return out;
  for (const k of keys.value) {
    if (k.type !== 'string') continue;
    const v = a.take(k.value);
    if (v) out[k.value] = anyValueToJson(v);
  }
  return out;
}

function metadataOf(a: Attributes): JsonObject {
  const out: JsonObject = {};
  for (const [namespace, text] of Object.entries(a.prefixed(XRAY_KEYS.metadataPrefix))) {
    try {
      out[namespace] = typeof text === 'string' ? (JSON.parse(text) as JsonValue) : text;
    } catch {
      out[namespace] = text;
    }
  }
  return out;
}
