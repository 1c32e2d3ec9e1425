/**
 * The OpenTelemetry JS baseline, set up the way its documentation shows (`node --require
 * ./instrumentation.js app.js`): NodeSDK with every auto-instrumentation and the OTLP/HTTP
 * protobuf exporter, configured by the same OTEL_* variables the Skein variant gets.
 */
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter(), instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();
// NodeSDK does not flush on its own when the process is told to stop; its docs add this.
process.once('SIGTERM', () => {
  sdk.shutdown().finally(() => process.exit(0));
});
