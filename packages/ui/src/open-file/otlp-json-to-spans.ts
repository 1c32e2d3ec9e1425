import type { AttributeJson, SpanJson, StatusCodeName } from '../trace/model/trace-json.js';
import { arrayAt, hexId, intValue, nanos, objectAt, optionalString, type JsonObject } from './json-fields.js';
import { UNKNOWN_SERVICE, makeSpanJson } from './make-span-json.js';
import { TraceFileError, describeValue } from './trace-file-error.js';

/**
 * OTLP/JSON (an ExportTraceServiceRequest, as the OpenTelemetry SDKs' OTLP/HTTP JSON exporters
 * and the Collector's file exporter write it) → the UI's spans. Follows the OTLP spec's JSON
 * mapping: ids are hex, 64-bit ints may be strings, enums may be numbers or their names, and
 * protobuf field names are accepted in snake_case too (the Collector's file exporter may write
 * them), as well as the pre-1.0 `instrumentationLibrarySpans`.
 */
export function otlpJsonToSpans(doc: JsonObject): SpanJson[] {
  const spans: SpanJson[] = [];
  const resourceSpans = arrayAt(field(doc, 'resourceSpans'), 'resourceSpans');
  resourceSpans.forEach((rsValue, r) => {
    const rsPath = `resourceSpans[${r}]`;
    const rs = objectAt(rsValue, rsPath);
    const resourceObject = rs.resource === undefined ? {} : objectAt(rs.resource, `${rsPath}.resource`);
    const resource = attributesOf(resourceObject.attributes, `${rsPath}.resource.attributes`);
    const serviceAttr = resource.find((a) => a.key === 'service.name' && a.type === 'string');
    const serviceName = (serviceAttr?.value as string | undefined) || UNKNOWN_SERVICE;
    const scopeLists = field(rs, 'scopeSpans') ?? field(rs, 'instrumentationLibrarySpans');
    arrayAt(scopeLists, `${rsPath}.scopeSpans`).forEach((ssValue, s) => {
      const ssPath = `${rsPath}.scopeSpans[${s}]`;
      const ss = objectAt(ssValue, ssPath);
      const scopeValue = ss.scope ?? field(ss, 'instrumentationLibrary');
      const scopeObject = scopeValue === undefined ? {} : objectAt(scopeValue, `${ssPath}.scope`);
      const scope = { name: optionalString(scopeObject.name, `${ssPath}.scope.name`), version: optionalString(scopeObject.version, `${ssPath}.scope.version`) };
      arrayAt(ss.spans, `${ssPath}.spans`).forEach((spanValue, i) => {
        spans.push(spanOf(objectAt(spanValue, `${ssPath}.spans[${i}]`), `${ssPath}.spans[${i}]`, serviceName, resource, scope));
      });
    });
  });
  return spans;
}

function spanOf(o: JsonObject, path: string, serviceName: string, resource: readonly AttributeJson[], scope: SpanJson['scope']): SpanJson {
  const statusObject = o.status === undefined ? {} : objectAt(o.status, `${path}.status`);
  return makeSpanJson({
    traceId: hexId(field(o, 'traceId'), `${path}.traceId`, [32]),
    spanId: hexId(field(o, 'spanId'), `${path}.spanId`, [16]),
    parentSpanId: hexId(field(o, 'parentSpanId'), `${path}.parentSpanId`, [16], true),
    name: optionalString(o.name, `${path}.name`),
    kind: kindOf(o.kind, `${path}.kind`),
    serviceName,
    start: nanos(field(o, 'startTimeUnixNano'), `${path}.startTimeUnixNano`),
    end: nanos(field(o, 'endTimeUnixNano'), `${path}.endTimeUnixNano`),
    status: { code: statusCodeOf(statusObject.code, `${path}.status.code`), message: optionalString(statusObject.message, `${path}.status.message`) },
    attributes: attributesOf(o.attributes, `${path}.attributes`),
    resource,
    scope,
    events: arrayAt(o.events, `${path}.events`).map((v, i) => {
      const e = objectAt(v, `${path}.events[${i}]`);
      return { name: optionalString(e.name, `${path}.events[${i}].name`), timeUnixNano: nanos(field(e, 'timeUnixNano'), `${path}.events[${i}].timeUnixNano`).toString(), attributes: attributesOf(e.attributes, `${path}.events[${i}].attributes`) };
    }),
    links: arrayAt(o.links, `${path}.links`).map((v, i) => {
      const l = objectAt(v, `${path}.links[${i}]`);
      return { traceId: hexId(field(l, 'traceId'), `${path}.links[${i}].traceId`, [32]), spanId: hexId(field(l, 'spanId'), `${path}.links[${i}].spanId`, [16]), attributes: attributesOf(l.attributes, `${path}.links[${i}].attributes`) };
    }),
  });
}

/** A field by its JSON (lowerCamelCase) name or its protobuf (snake_case) name. */
function field(o: JsonObject, camel: string): unknown {
  return o[camel] ?? o[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;

function kindOf(v: unknown, path: string): string {
  if (v === undefined || v === null) return 'unspecified';
  if (typeof v === 'number' && KINDS[v] !== undefined) return KINDS[v]!;
  if (typeof v === 'string') {
    const name = v.replace(/^SPAN_KIND_/, '').toLowerCase();
    if ((KINDS as readonly string[]).includes(name)) return name;
  }
  throw new TraceFileError(`${path}: expected a span kind (0–5 or SPAN_KIND_…), got ${describeValue(v)}`);
}

const STATUS_CODES: readonly StatusCodeName[] = ['unset', 'ok', 'error'];

function statusCodeOf(v: unknown, path: string): StatusCodeName {
  if (v === undefined || v === null) return 'unset';
  if (typeof v === 'number' && STATUS_CODES[v] !== undefined) return STATUS_CODES[v]!;
  if (typeof v === 'string') {
    const name = v.replace(/^STATUS_CODE_/, '').toLowerCase();
    if ((STATUS_CODES as readonly string[]).includes(name)) return name as StatusCodeName;
  }
  throw new TraceFileError(`${path}: expected a status code (0–2 or STATUS_CODE_…), got ${describeValue(v)}`);
}

/** Deeper values than this are refused: a hostile file must not overflow the stack. */
const MAX_VALUE_DEPTH = 16;

export function attributesOf(v: unknown, path: string): AttributeJson[] {
  return arrayAt(v, path).map((item, i) => {
    const kv = objectAt(item, `${path}[${i}]`);
    const key = optionalString(kv.key, `${path}[${i}].key`);
    const value = anyValue(kv.value, `${path}[${i}].value`, 0);
    return { key, type: value.type, value: value.value };
  });
}

/** An OTLP AnyValue as Skein's API shows it: its type, and a plain JSON value (ints exact). */
function anyValue(v: unknown, path: string, depth: number): { type: string; value: unknown } {
  if (depth > MAX_VALUE_DEPTH) throw new TraceFileError(`${path}: values nested deeper than ${MAX_VALUE_DEPTH} levels`);
  if (v === undefined || v === null) return { type: 'string', value: '' };
  const o = objectAt(v, path);
  if ('stringValue' in o) return { type: 'string', value: optionalString(o.stringValue, `${path}.stringValue`) };
  if ('boolValue' in o) {
    if (typeof o.boolValue !== 'boolean') throw new TraceFileError(`${path}.boolValue: expected true or false, got ${describeValue(o.boolValue)}`);
    return { type: 'bool', value: o.boolValue };
  }
  if ('intValue' in o) {
    const n = o.intValue;
    if ((typeof n === 'string' && /^-?\d{1,20}$/.test(n)) || (typeof n === 'number' && Number.isInteger(n))) return { type: 'int', value: intValue(BigInt(n)) };
    throw new TraceFileError(`${path}.intValue: expected an integer, got ${describeValue(n)}`);
  }
  if ('doubleValue' in o) {
    const d = o.doubleValue;
    if (typeof d === 'number') return { type: 'double', value: d };
    // The JSON mapping writes non-finite doubles as strings; Skein's API shows them the same way.
    if (d === 'NaN' || d === 'Infinity' || d === '-Infinity') return { type: 'double', value: d };
    if (typeof d === 'string' && d.trim() !== '' && Number.isFinite(Number(d))) return { type: 'double', value: Number(d) };
    throw new TraceFileError(`${path}.doubleValue: expected a number, got ${describeValue(d)}`);
  }
  if ('bytesValue' in o) return { type: 'bytes', value: optionalString(o.bytesValue, `${path}.bytesValue`) };
  if ('arrayValue' in o) {
    const values = arrayAt(objectAt(o.arrayValue ?? {}, `${path}.arrayValue`).values, `${path}.arrayValue.values`);
    return { type: 'array', value: values.map((item, i) => anyValue(item, `${path}.arrayValue.values[${i}]`, depth + 1).value) };
  }
  if ('kvlistValue' in o) {
    const values = arrayAt(objectAt(o.kvlistValue ?? {}, `${path}.kvlistValue`).values, `${path}.kvlistValue.values`);
    const out: Record<string, unknown> = {};
    values.forEach((item, i) => {
      const kv = objectAt(item, `${path}.kvlistValue.values[${i}]`);
      // defineProperty: a key such as "__proto__" must stay an ordinary key of untrusted data.
      Object.defineProperty(out, optionalString(kv.key, `${path}.kvlistValue.values[${i}].key`), { value: anyValue(kv.value, `${path}.kvlistValue.values[${i}].value`, depth + 1).value, enumerable: true, writable: true, configurable: true });
    });
    return { type: 'kvlist', value: out };
  }
  // An empty AnyValue ({}) is how OTLP sends "no value".
  if (Object.keys(o).length === 0) return { type: 'string', value: '' };
  throw new TraceFileError(`${path}: expected an OTLP value (stringValue, intValue, doubleValue, boolValue, bytesValue, arrayValue or kvlistValue), got keys ${Object.keys(o).slice(0, 3).join(', ')}`);
}
