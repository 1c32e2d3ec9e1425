// The OpenTelemetry JS SDK, set up the way its documentation shows for ESM apps, for the
// interop test: `node --import dist/interop-otel-register.js dist/interop-service.js` is a
// service traced by OpenTelemetry's own SDK (NodeSDK, OTLP/HTTP protobuf exporter, the http
// instrumentation), configured by the same OTEL_* variables as the @skein/node services.
import { register } from 'node:module';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';

// The http instrumentation patches modules as they load; for ESM imports it needs this loader hook.
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter(), instrumentations: [new HttpInstrumentation()] });
sdk.start();
