/**
 * The OTLP/JSON shapes Skein writes (`toOtlpJson`): plain objects for JSON.stringify.
 * 64-bit integers are decimal strings, ids hex, enums integers; fields holding their proto3
 * default are left out, as protobuf JSON encoders do (so readers must default them).
 */
export interface OtlpJsonTracesData {
  resourceSpans: OtlpJsonResourceSpans[];
}

export interface OtlpJsonResourceSpans {
  resource: OtlpJsonResource;
  scopeSpans: OtlpJsonScopeSpans[];
}

export interface OtlpJsonResource {
  attributes: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpJsonScopeSpans {
  scope: OtlpJsonScope;
  spans: OtlpJsonSpan[];
}

export interface OtlpJsonScope {
  name?: string;
  version?: string;
  attributes?: OtlpJsonKeyValue[];
}

export interface OtlpJsonSpan {
  traceId?: string;
  spanId?: string;
  traceState?: string;
  parentSpanId?: string;
  flags?: number;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
  events?: OtlpJsonEvent[];
  droppedEventsCount?: number;
  links?: OtlpJsonLink[];
  droppedLinksCount?: number;
  status?: OtlpJsonStatus;
}

export interface OtlpJsonEvent {
  timeUnixNano?: string;
  name?: string;
  attributes?: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpJsonLink {
  traceId?: string;
  spanId?: string;
  traceState?: string;
  attributes?: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
}

export interface OtlpJsonStatus {
  message?: string;
  code?: number;
}

export interface OtlpJsonKeyValue {
  key: string;
  value: OtlpJsonAnyValue;
}

/** Exactly one member is set. Doubles that JSON numbers cannot carry (NaN, ±Infinity, -0) are strings. */
export type OtlpJsonAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { bytesValue: string }
  | { arrayValue: { values: OtlpJsonAnyValue[] } }
  | { kvlistValue: { values: OtlpJsonKeyValue[] } };

/** ExportTraceServiceResponse in OTLP/JSON. */
export interface OtlpJsonExportTraceResponse {
  partialSuccess?: {
    rejectedSpans?: string;
    errorMessage?: string;
  };
}
