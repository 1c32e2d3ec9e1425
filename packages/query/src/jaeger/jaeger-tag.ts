import { anyValueToString, bigintToJsonNumber, type AnyValue, type Attribute } from '@skein/model';
import { goJsonText } from './go-json-text.js';
import type { JaegerKeyValue } from './jaeger-json.js';

/**
 * One OTLP attribute as a typed Jaeger tag, as the OpenTelemetry Collector's Jaeger translator
 * maps it (string/bool/int64/float64/binary; arrays and key/value lists as JSON text in a string
 * tag), then as Jaeger's JSON converter writes it (int64 outside JS's safe range as a string).
 */
export function jaegerTag(key: string, value: AnyValue): JaegerKeyValue {
  switch (value.type) {
    case 'string':
      return { key, type: 'string', value: value.value };
    case 'bool':
      return { key, type: 'bool', value: value.value };
    case 'int':
      return { key, type: 'int64', value: bigintToJsonNumber(value.value) };
    case 'double':
      return { key, type: 'float64', value: Number.isFinite(value.value) ? value.value : anyValueToString(value) };
    case 'bytes':
      return { key, type: 'binary', value: anyValueToString(value) };
    case 'array':
    case 'kvlist':
      return { key, type: 'string', value: goJsonText(value) };
  }
}

export const jaegerTags = (attributes: readonly Attribute[]): JaegerKeyValue[] => attributes.map((a) => jaegerTag(a.key, a.value));

export const stringTag = (key: string, value: string): JaegerKeyValue => ({ key, type: 'string', value });
