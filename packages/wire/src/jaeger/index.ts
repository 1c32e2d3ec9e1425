export { decodeJaegerThriftBatch, decodeJaegerAgentDatagram } from './decode-jaeger-thrift.js';
export { decodeJaegerProtoPostSpans, encodeJaegerProtoPostSpansResponse } from './decode-jaeger-proto.js';
export { encodeJaegerThriftBatch, encodeJaegerAgentDatagram, type ThriftProtocolName } from './encode-jaeger-thrift.js';
export { encodeJaegerProtoPostSpans } from './encode-jaeger-proto.js';
