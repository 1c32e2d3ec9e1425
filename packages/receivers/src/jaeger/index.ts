export { jaegerHttpReceiver, JAEGER_THRIFT_HTTP_RECEIVER, type JaegerHttpReceiverOptions } from './jaeger-http-receiver.js';
