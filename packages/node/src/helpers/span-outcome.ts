import { SpanStatusCode, diag, type Exception, type Span } from '@opentelemetry/api';

/**
 * Records a thrown or rejected value on the span: an `exception` event and ERROR status. A
 * thrown value can be anything (a string, `null`, an object with a throwing getter), so this
 * never lets the recording itself throw over the application's own error.
 */
export function recordFailure(span: Span, error: unknown): void {
  try {
    const exception = toException(error);
    span.recordException(exception);
    span.setStatus({ code: SpanStatusCode.ERROR, message: typeof exception === 'string' ? exception : exception.message });
  } catch (recordingError) {
    diag.debug('@skein/node helpers: could not record an exception on the span', recordingError);
  }
}

function toException(error: unknown): Exception {
  if (error instanceof Error) return error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && (typeof (error as { message?: unknown }).message === 'string')) {
    return error as Exception;
  }
  return String(error);
}

/**
 * Ends the span once `result` settles and hands the result back. A promise (or any thenable)
 * is chained so the span ends with the asynchronous work and records a rejection; the caller
 * gets a promise of the same value or reason. `Promise.resolve` returns a native promise
 * as it is, and turns a hand-written thenable (whose `then` may return nothing, or throw)
 * into one. Anything else ends the span now.
 */
export function endWhenSettled<T>(span: Span, result: T): T {
  if (!isThenable(result)) {
    span.end();
    return result;
  }
  return Promise.resolve(result).then(
    (value: unknown) => {
      span.end();
      return value;
    },
    (reason: unknown) => {
      recordFailure(span, reason);
      span.end();
      throw reason;
    },
  ) as T;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null
    && typeof (value as { then?: unknown }).then === 'function';
}
