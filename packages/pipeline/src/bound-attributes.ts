import type { AnyValue, Attribute } from '@skein/model';

/** Counts what bounding changed, so the client can be told (OTLP partial-success warning). */
export interface BoundingReport {
  truncatedValues: number;
  droppedAttributes: number;
}

/**
 * Cuts over-long strings and over-long attribute lists. Returns the input array itself when
 * nothing needed changing: the common case must not allocate.
 */
export function boundAttributes(attrs: readonly Attribute[], maxCount: number, maxLen: number, report: BoundingReport): readonly Attribute[] {
  let out: Attribute[] | undefined;
  const n = Math.min(attrs.length, maxCount);
  for (let i = 0; i < n; i++) {
    const a = attrs[i]!;
    const v = boundValue(a.value, maxLen, report);
    const key = a.key.length > maxLen ? a.key.slice(0, maxLen) : a.key;
    if (v !== a.value || key !== a.key) {
      out ??= attrs.slice(0, n);
      out[i] = { key, value: v };
    }
  }
  if (attrs.length > maxCount) {
    report.droppedAttributes += attrs.length - maxCount;
    out ??= attrs.slice(0, n);
  }
  return out ?? attrs;
}

function boundValue(v: AnyValue, maxLen: number, report: BoundingReport): AnyValue {
  switch (v.type) {
    case 'string':
      if (v.value.length <= maxLen) return v;
      report.truncatedValues++;
      return { type: 'string', value: v.value.slice(0, maxLen) };
    case 'bytes':
      if (v.value.length <= maxLen) return v;
      report.truncatedValues++;
      return { type: 'bytes', value: v.value.subarray(0, maxLen) };
    case 'array': {
      let changed = false;
      const items = v.value.map((item) => {
        const b = boundValue(item, maxLen, report);
        if (b !== item) changed = true;
        return b;
      });
      return changed ? { type: 'array', value: items } : v;
    }
    case 'kvlist': {
      const bounded = boundAttributes(v.value, Number.MAX_SAFE_INTEGER, maxLen, report);
      return bounded === v.value ? v : { type: 'kvlist', value: bounded };
    }
    default:
      return v;
  }
}
