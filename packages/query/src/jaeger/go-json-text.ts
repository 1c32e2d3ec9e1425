import { anyValueToString, type AnyValue } from '@skein/model';

/**
 * The text the OpenTelemetry Collector's Jaeger translator puts in a string tag for an array or
 * key/value-list attribute: pdata's `Value.AsString()`, i.e. Go's `json.Marshal` of the raw
 * value. Reproduced here because it differs from `JSON.stringify` in ways a client can see:
 * map keys are sorted, int64 stays exact beyond 2^53, bytes become base64 strings, and `<`, `>`,
 * `&`, U+2028 and U+2029 are escaped as \u003c, \u003e, \u0026, \u2028, \u2029.
 */
export function goJsonText(value: AnyValue): string {
  switch (value.type) {
    case 'string':
      return goJsonString(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'int':
      return value.value.toString();
    case 'double':
      // Go's encoder refuses NaN/±Inf (the whole marshal fails); null keeps the rest readable.
      return Number.isFinite(value.value) ? String(value.value) : 'null';
    case 'bytes':
      return goJsonString(anyValueToString(value));
    case 'array':
      return `[${value.value.map(goJsonText).join(',')}]`;
    case 'kvlist': {
      // A Go map: one entry per key (the last duplicate wins), keys in byte order.
      const byKey = new Map<string, AnyValue>();
      for (const a of value.value) byKey.set(a.key, a.value);
      const keys = [...byKey.keys()].sort(compareUtf8);
      return `{${keys.map((k) => `${goJsonString(k)}:${goJsonText(byKey.get(k)!)}`).join(',')}}`;
    }
  }
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go sorts map keys as byte strings (UTF-8), which differs from UTF-16 order above U+FFFF. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
