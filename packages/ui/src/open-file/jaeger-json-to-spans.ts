import type { AttributeJson, SpanJson, StatusCodeName } from '../trace/model/trace-json.js';
import { arrayAt, hexId, intValue, microsToNanos, objectAt, optionalString, stringAttribute, type JsonObject } from './json-fields.js';
import { UNKNOWN_SERVICE, makeSpanJson } from './make-span-json.js';
import { TraceFileError, describeValue } from './trace-file-error.js';

/**
 * Jaeger's JSON (what Jaeger UI downloads and `GET /api/traces/{id}` answers: `{ data: [trace] }`,
 * or one trace `{ traceID, spans, processes }`) → the UI's spans, mapped after the OpenTelemetry
 * Collector's Jaeger translator (pkg/translator/jaeger/jaegerproto_to_traces.go): the process is
 * the resource (serviceName → service.name, its tags resource attributes), `span.kind` gives the
 * kind, `otel.status_code` / `error` give the status (those tags are consumed), the first CHILD_OF
 * reference in the same trace is the parent and every other reference a link, logs are events
 * named by their `event` field.
 */
export function jaegerJsonToSpans(doc: JsonObject): SpanJson[] {
  const traces = Array.isArray(doc.data) ? doc.data.map((t, i) => ({ value: t, path: `data[${i}]` })) : [{ value: doc, path: '' }];
  const spans: SpanJson[] = [];
  for (const { value, path } of traces) {
    const trace = objectAt(value, path || '(top level)');
    const processes = trace.processes === undefined ? {} : objectAt(trace.processes, `${path}.processes`);
    arrayAt(trace.spans, `${dot(path)}spans`).forEach((spanValue, i) => {
      const spanPath = `${dot(path)}spans[${i}]`;
      spans.push(spanOf(objectAt(spanValue, spanPath), spanPath, processes, `${dot(path)}processes`));
    });
  }
  return spans;
}

const dot = (path: string): string => (path ? `${path}.` : '');

const KINDS = new Set(['client', 'server', 'producer', 'consumer', 'internal']);

function spanOf(s: JsonObject, path: string, processes: JsonObject, processesPath: string): SpanJson {
  // Jaeger UI's download embeds `process` in each span; the query API names it by processID.
  const processId = optionalString(s.processID, `${path}.processID`);
  const processValue = s.process ?? (processId ? processes[processId] : undefined);
  if (processValue === undefined && processId) throw new TraceFileError(`${path}.processID: "${processId.slice(0, 40)}" is not in ${processesPath}`);
  const process = processValue === undefined ? {} : objectAt(processValue, s.process ? `${path}.process` : `${processesPath}.${processId}`);
  const serviceName = optionalString(process.serviceName, `${processesPath}.${processId}.serviceName`);
  const resource = [...(serviceName ? [stringAttribute('service.name', serviceName)] : []), ...tagsOf(process.tags, `${processesPath}.${processId}.tags`)];

  const traceId = hexId(s.traceID, `${path}.traceID`, [16, 32]);
  const references = arrayAt(s.references, `${path}.references`).map((v, i) => {
    const r = objectAt(v, `${path}.references[${i}]`);
    return { refType: optionalString(r.refType, `${path}.references[${i}].refType`), traceId: hexId(r.traceID, `${path}.references[${i}].traceID`, [16, 32]), spanId: hexId(r.spanID, `${path}.references[${i}].spanID`, [16]) };
  });
  const parentRef = references.find((r) => r.refType === 'CHILD_OF' && r.traceId === traceId) ?? references.find((r) => r.traceId === traceId);
  const legacyParent = hexId(s.parentSpanID, `${path}.parentSpanID`, [16], true);
  const parentSpanId = parentRef?.spanId ?? (legacyParent === '0000000000000000' ? '' : legacyParent);

  let kind = 'unspecified';
  let statusCode: StatusCodeName = 'unset';
  let statusMessage = '';
  let errorTag = false;
  const attributes: AttributeJson[] = [];
  for (const tag of tagsOf(s.tags, `${path}.tags`)) {
    if (tag.key === 'span.kind' && typeof tag.value === 'string' && KINDS.has(tag.value)) kind = tag.value;
    else if (tag.key === 'otel.status_code' && typeof tag.value === 'string' && /^(ok|error)$/i.test(tag.value)) statusCode = tag.value.toLowerCase() as StatusCodeName;
    else if (tag.key === 'otel.status_description' && typeof tag.value === 'string') statusMessage = tag.value;
    else if (tag.key === 'error' && (tag.value === true || tag.value === 'true')) errorTag = true;
    else attributes.push(tag);
  }
  if (statusCode === 'unset' && errorTag) statusCode = 'error';

  const start = microsToNanos(s.startTime, `${path}.startTime`);
  return makeSpanJson({
    traceId,
    spanId: hexId(s.spanID, `${path}.spanID`, [16]),
    parentSpanId,
    name: optionalString(s.operationName, `${path}.operationName`),
    kind,
    serviceName: serviceName || UNKNOWN_SERVICE,
    start,
    end: start + (s.duration === undefined ? 0n : microsToNanos(s.duration, `${path}.duration`)),
    status: { code: statusCode, message: statusMessage },
    attributes,
    resource,
    events: arrayAt(s.logs, `${path}.logs`).map((v, i) => {
      const log = objectAt(v, `${path}.logs[${i}]`);
      const fields = tagsOf(log.fields, `${path}.logs[${i}].fields`);
      const event = fields.find((f) => f.key === 'event' && typeof f.value === 'string');
      return { name: (event?.value as string | undefined) ?? '', timeUnixNano: microsToNanos(log.timestamp, `${path}.logs[${i}].timestamp`).toString(), attributes: fields.filter((f) => f !== event) };
    }),
    links: references.filter((r) => r !== parentRef).map((r) => ({ traceId: r.traceId, spanId: r.spanId, attributes: [stringAttribute('opentracing.ref_type', r.refType === 'FOLLOWS_FROM' ? 'follows_from' : 'child_of')] })),
  });
}

/** Jaeger tag types → Skein's attribute types. */
const TAG_TYPES: Record<string, { type: string; check: (v: unknown) => boolean }> = {
  string: { type: 'string', check: (v) => typeof v === 'string' },
  bool: { type: 'bool', check: (v) => typeof v === 'boolean' },
  int64: { type: 'int', check: (v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) },
  float64: { type: 'double', check: (v) => typeof v === 'number' },
  binary: { type: 'bytes', check: (v) => typeof v === 'string' },
};

function tagsOf(v: unknown, path: string): AttributeJson[] {
  return arrayAt(v, path).map((item, i) => {
    const tag = objectAt(item, `${path}[${i}]`);
    const key = optionalString(tag.key, `${path}[${i}].key`);
    const typeName = tag.type === undefined ? 'string' : optionalString(tag.type, `${path}[${i}].type`).toLowerCase();
    const type = TAG_TYPES[typeName];
    if (!type) throw new TraceFileError(`${path}[${i}].type: expected string, bool, int64, float64 or binary, got ${describeValue(tag.type)}`);
    if (!type.check(tag.value)) throw new TraceFileError(`${path}[${i}].value: expected a ${typeName} value, got ${describeValue(tag.value)}`);
    return { key, type: type.type, value: typeof tag.value === 'string' && type.type === 'int' ? intValue(BigInt(tag.value)) : tag.value };
  });
}
