import { context, diag } from '@opentelemetry/api';
import type { FinishedSpan } from '../trace/finished-span.js';
import type { ExportResult, SpanExporter } from './span-exporter.js';
import { suppressTracing } from './suppress-tracing.js';

/**
 * Calls `exporter.export` the way every processor must: with tracing suppressed (so an
 * exporter's own HTTP calls are never traced, whatever client it uses), turning a throw or a
 * rejection into a failed result, and giving up after `timeoutMillis`. Never rejects.
 */
export function callExporter(
  exporter: SpanExporter,
  spans: readonly FinishedSpan[],
  timeoutMillis: number,
): Promise<ExportResult> {
  let pending: Promise<ExportResult>;
  try {
    pending = context.with(suppressTracing(context.active()), () => exporter.export(spans));
  } catch (error) {
    return Promise.resolve(failed(error));
  }
  if (!(pending instanceof Promise)) pending = Promise.resolve(pending);
  return new Promise<ExportResult>((resolve) => {
    const timer = setTimeout(() => {
      resolve({ ok: false, error: new Error(`export timed out after ${timeoutMillis} ms`), retryable: true });
    }, timeoutMillis);
    timer.unref();
    pending.then(
      (result) => {
        clearTimeout(timer);
        resolve(normalizeResult(result));
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve(failed(error));
      },
    );
  });
}

function failed(error: unknown): ExportResult {
  diag.debug('export failed', error);
  return { ok: false, error: error instanceof Error ? error : new Error(String(error)), retryable: false };
}

/** Third-party exporters may return anything: make it a well-formed ExportResult. */
function normalizeResult(value: unknown): ExportResult {
  if (typeof value !== 'object' || value === null) return failed(new Error('exporter returned no ExportResult'));
  const result = value as { ok?: unknown; error?: unknown; retryable?: unknown };
  if (result.ok === true) return value as ExportResult;
  const error = result.error instanceof Error ? result.error : new Error(String(result.error ?? 'export failed'));
  return { ok: false, error, retryable: result.retryable === true };
}
