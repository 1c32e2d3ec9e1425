import { StatusCode, type Status } from '@skein/model';
import { OTEL_TAGS } from './zipkin-keys.js';

const UNSET: Status = Object.freeze({ code: StatusCode.UNSET, message: '' });

/**
 * The span status a Zipkin span's tags express, given the values of the tags that decide it
 * (undefined when the span has no such tag). The tags themselves stay on the span as sent (so
 * the span round-trips exactly); the status is derived from them:
 * - any `error` tag means ERROR (Zipkin treats every span carrying it as failed); its value is
 *   the message unless it is just "true"/"" or `otel.status_description` gives one;
 * - otherwise `otel.status_code` (`OK`/`ERROR`/`UNSET`, also the collector's `STATUS_CODE_*`
 *   and `Ok`/`Error` spellings) with `otel.status_description` as message.
 */
export function statusFromZipkinTags(error: string | undefined, code: string | undefined, description: string | undefined): Status {
  if (error !== undefined) {
    const fromError = error === 'true' || error === '' ? '' : error;
    return { code: StatusCode.ERROR, message: description ?? fromError };
  }
  if (code === undefined) return UNSET;
  return { code: statusCodeFromName(code), message: description ?? '' };
}

function statusCodeFromName(name: string): StatusCode {
  switch (name.toUpperCase().replace(/^STATUS_CODE_/, '')) {
    case 'OK':
      return StatusCode.OK;
    case 'ERROR':
      return StatusCode.ERROR;
    default:
      return StatusCode.UNSET;
  }
}

/**
 * Adds the status tags the OpenTelemetry Zipkin exporter writes (spec: sdk_exporters/zipkin.md):
 * OK → `otel.status_code=OK`; ERROR → `otel.status_code=ERROR` and `error=<description>`
 * (empty when none); UNSET → nothing. An `error` tag on a span whose status is not ERROR is
 * removed, as the spec says. When the tags already express the status (a span that came from
 * Zipkin keeps the tags it was sent with), nothing is added, so Zipkin spans come back as sent.
 */
export function writeStatusTags(status: Status, tags: Map<string, string>): void {
  if (status.code !== StatusCode.ERROR) tags.delete(OTEL_TAGS.error);
  const expressed = tags.has(OTEL_TAGS.statusCode) || (status.code === StatusCode.ERROR && tags.has(OTEL_TAGS.error));
  if (expressed) return;
  if (status.code === StatusCode.OK) {
    tags.set(OTEL_TAGS.statusCode, 'OK');
  } else if (status.code === StatusCode.ERROR) {
    tags.set(OTEL_TAGS.statusCode, 'ERROR');
    tags.set(OTEL_TAGS.error, status.message);
  }
}
