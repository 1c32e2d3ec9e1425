import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';

type Carrier = Record<string, unknown>;

/**
 * Reads OpenTracing carriers for the OpenTelemetry propagators. Propagators ask for lower-case
 * header names, but OpenTracing-era code often hands over hand-built carriers with
 * `Uber-Trace-Id` or `X-B3-TraceId` spellings, so a miss falls back to a case-insensitive
 * scan. Numbers are read as strings; arrays (repeated Node headers) are passed through.
 */
export const carrierGetter: TextMapGetter<Carrier> = {
  keys(carrier) {
    return Object.keys(carrier).map((key) => key.toLowerCase());
  },
  get(carrier, key) {
    let value = carrier[key];
    if (value === undefined) {
      for (const candidate of Object.keys(carrier)) {
        if (candidate.length === key.length && candidate.toLowerCase() === key) {
          value = carrier[candidate];
          break;
        }
      }
    }
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === 'number') return String(value);
    return undefined;
  },
};

export const carrierSetter: TextMapSetter<Carrier> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

export function isCarrier(value: unknown): value is Carrier {
  return typeof value === 'object' && value !== null;
}
