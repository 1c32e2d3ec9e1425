import { spanKindFromName, type SpanKind } from '@skein/model';
import { paramError } from './param-errors.js';

/**
 * A span kind filter: `server`, `client`, `producer`, `consumer`, `internal` (what Jaeger UI
 * sends), also OTLP's `SPAN_KIND_SERVER` spelling; absent or empty means every kind.
 */
export function parseSpanKindParam(name: string, text: string | undefined): SpanKind | undefined {
  if (text === undefined) return undefined;
  const kind = spanKindFromName(text);
  if (kind === undefined) throw paramError(name, `unsupported span kind: '${text}'`);
  return kind;
}
