import { diag } from '@opentelemetry/api';
import type { SpanResource } from '../trace/finished-span.js';
import type { SpanExporter } from './span-exporter.js';
import type { EnvRecord } from './env-integer.js';
import { OtlpHttpSpanExporter } from './otlp/otlp-http-exporter.js';
import { ZipkinSpanExporter, zipkinOptionsFromEnv } from './zipkin/zipkin-exporter.js';
import { ConsoleSpanExporter } from './console/console-exporter.js';

/**
 * The exporters OTEL_TRACES_EXPORTER names: a comma list of `otlp` (the default), `zipkin`,
 * `console` and `none`. Unknown names are skipped with a diag warning; a name given twice gives
 * one exporter; `none` alone (or an empty list) means no exporter.
 */
export function spanExportersFromEnv(env: EnvRecord, resource: SpanResource): SpanExporter[] {
  const raw = env.OTEL_TRACES_EXPORTER?.trim();
  const names = raw ? raw.split(',').map((n) => n.trim().toLowerCase()).filter((n) => n !== '') : ['otlp'];
  const serviceName = resource.attributes['service.name'];
  const exporters: SpanExporter[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    switch (name) {
      case 'otlp':
        exporters.push(OtlpHttpSpanExporter.fromEnv(env));
        break;
      case 'zipkin':
        exporters.push(new ZipkinSpanExporter({
          ...zipkinOptionsFromEnv(env),
          ...(typeof serviceName === 'string' && serviceName ? { serviceName } : {}),
        }));
        break;
      case 'console':
        exporters.push(new ConsoleSpanExporter());
        break;
      case 'none':
        break;
      case 'jaeger':
        diag.warn('OTEL_TRACES_EXPORTER=jaeger: the Jaeger exporter is deprecated and not included; Jaeger accepts OTLP, use otlp');
        break;
      default:
        diag.warn(`OTEL_TRACES_EXPORTER: unknown exporter ${JSON.stringify(name)} skipped (known: otlp, zipkin, console, none)`);
    }
  }
  if (seen.has('none') && exporters.length > 0) {
    diag.warn('OTEL_TRACES_EXPORTER lists "none" together with other exporters; using the others');
  }
  return exporters;
}
