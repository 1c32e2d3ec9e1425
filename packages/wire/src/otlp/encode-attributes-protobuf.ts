import type { AnyValue, Attribute } from '@skein/model';
import type { ProtoWriter } from './proto-writer.js';
import { KEY, VALUE, STRING_VALUE, BOOL_VALUE, INT_VALUE, DOUBLE_VALUE, ARRAY_VALUE, KVLIST_VALUE, BYTES_VALUE, ARRAY_VALUES, KVLIST_VALUES } from './otlp-tags.js';

/** Writes each attribute as a `KeyValue` submessage under `tag` (a repeated field). */
export function writeAttributes(w: ProtoWriter, tag: number, attributes: readonly Attribute[]): void {
  for (let i = 0; i < attributes.length; i++) {
    w.uint32(tag);
    const start = w.fork();
    writeKeyValueBody(w, attributes[i]!);
    w.ldelim(start);
  }
}

function writeKeyValueBody(w: ProtoWriter, a: Attribute): void {
  if (a.key !== '') {
    w.uint32(KEY);
    w.string(a.key);
  }
  w.uint32(VALUE);
  const start = w.fork();
  writeAnyValueBody(w, a.value);
  w.ldelim(start);
}

/** The oneof member is always written, even when it holds its type's default ("" or 0): its presence is the type. */
function writeAnyValueBody(w: ProtoWriter, v: AnyValue): void {
  switch (v.type) {
    case 'string':
      w.uint32(STRING_VALUE);
      w.string(v.value);
      return;
    case 'int':
      w.uint32(INT_VALUE);
      w.int64(v.value);
      return;
    case 'double':
      w.uint32(DOUBLE_VALUE);
      w.double(v.value);
      return;
    case 'bool':
      w.uint32(BOOL_VALUE);
      w.uint32(v.value ? 1 : 0);
      return;
    case 'bytes':
      w.uint32(BYTES_VALUE);
      w.bytes(v.value);
      return;
    case 'array': {
      w.uint32(ARRAY_VALUE);
      const start = w.fork();
      for (const item of v.value) {
        w.uint32(ARRAY_VALUES);
        const itemStart = w.fork();
        writeAnyValueBody(w, item);
        w.ldelim(itemStart);
      }
      w.ldelim(start);
      return;
    }
    case 'kvlist': {
      w.uint32(KVLIST_VALUE);
      const start = w.fork();
      writeAttributes(w, KVLIST_VALUES, v.value);
      w.ldelim(start);
      return;
    }
  }
}
