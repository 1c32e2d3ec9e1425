import type { SpanJson, TraceJson } from '../trace/model/trace-json.js';
import { jaegerJsonToSpans } from './jaeger-json-to-spans.js';
import type { JsonObject } from './json-fields.js';
import { otlpJsonToSpans } from './otlp-json-to-spans.js';
import { TraceFileError } from './trace-file-error.js';
import { zipkinJsonToSpans } from './zipkin-json-to-spans.js';

export type TraceFileFormat = 'otlp' | 'jaeger' | 'zipkin';

export const FORMAT_NAMES: Record<TraceFileFormat, string> = { otlp: 'OTLP JSON', jaeger: 'Jaeger JSON', zipkin: 'Zipkin v2 JSON' };

export interface ParsedTraceFile {
  readonly format: TraceFileFormat;
  /** Every trace in the file, most spans first. */
  readonly traces: readonly TraceJson[];
  readonly spanCount: number;
}

/**
 * A JSON file's text → the traces it holds. The format is recognised from the document's shape:
 * `{ resourceSpans }` is OTLP, `{ data: [...] }` or `{ traceID, spans }` is Jaeger, and a list of
 * spans is Zipkin v2. Throws a TraceFileError saying what is wrong (and where) otherwise.
 */
export function parseTraceFile(text: string): ParsedTraceFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new TraceFileError(`The file is not JSON: ${(e as Error).message}`);
  }
  const format = detectFormat(doc);
  const spans = format === 'otlp' ? otlpJsonToSpans(doc as JsonObject) : format === 'jaeger' ? jaegerJsonToSpans(doc as JsonObject) : zipkinJsonToSpans(doc as unknown[]);
  if (spans.length === 0) throw new TraceFileError(`The file is ${FORMAT_NAMES[format]} but holds no spans.`);
  return { format, traces: groupByTrace(spans), spanCount: spans.length };
}

export function detectFormat(doc: unknown): TraceFileFormat {
  if (Array.isArray(doc)) return 'zipkin';
  if (typeof doc === 'object' && doc !== null) {
    const o = doc as JsonObject;
    if ('resourceSpans' in o || 'resource_spans' in o) return 'otlp';
    if (Array.isArray(o.data) || ('spans' in o && ('traceID' in o || 'processes' in o))) return 'jaeger';
  }
  throw new TraceFileError(
    'This JSON is not a trace format Skein can open: expected OTLP JSON ({"resourceSpans": [...]}), Jaeger JSON ({"data": [{"spans": [...], "processes": {...}}]}) or Zipkin v2 JSON (a list of spans).',
  );
}

function groupByTrace(spans: readonly SpanJson[]): TraceJson[] {
  const byTrace = new Map<string, SpanJson[]>();
  for (const s of spans) {
    const list = byTrace.get(s.traceId);
    if (list) list.push(s);
    else byTrace.set(s.traceId, [s]);
  }
  return [...byTrace].map(([traceId, list]) => ({ traceId, spans: list })).sort((a, b) => b.spans.length - a.spans.length);
}
