export { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
export { decodeOtlpJson } from './decode-otlp-json.js';
export { encodeOtlpProtobuf } from './encode-otlp-protobuf.js';
export { toOtlpJson, spanToJson as spanToOtlpJson, attributesToJson as attributesToOtlpJson, anyValueToOtlpJson } from './encode-otlp-json.js';
export {
  type ExportTracePartialSuccess,
  encodeExportTraceResponseProtobuf,
  exportTraceResponseJson,
  decodeExportTraceResponseProtobuf,
  parseExportTraceResponseJson,
} from './export-trace-response.js';
export { groupSpansByResourceAndScope, type ResourceGroup, type ScopeGroup } from './group-spans.js';
export { MAX_ANY_VALUE_DEPTH } from './otlp-schema.js';
export { MAX_JSON_DEPTH } from '../json/json-depth.js';
export type * from './otlp-json-types.js';
export { encodeRpcStatus } from './rpc-status.js';
