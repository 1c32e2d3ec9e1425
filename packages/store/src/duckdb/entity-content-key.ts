import type { Attribute, InstrumentationScope, Resource } from '@skein/model';

/**
 * A cheap identity for a resource or scope: equal texts if and only if equal contents. Every
 * request decodes fresh resource/scope objects, so the registries cannot recognise them by
 * object; building this text costs a fraction of the binary encoding that would otherwise be
 * made for every one of them just to look the id up. Entities with bytes, array or key/value
 * list attribute values get no quick key (undefined) and take the encoded path.
 *
 * Every variable-length part is length-prefixed, so no two different contents give one text.
 */
export function resourceContentKey(r: Resource): string | undefined {
  const attrs = attributesContentKey(r.attributes);
  return attrs === undefined ? undefined : `${r.droppedAttributesCount}|${attrs}`;
}

export function scopeContentKey(s: InstrumentationScope): string | undefined {
  const attrs = attributesContentKey(s.attributes);
  return attrs === undefined ? undefined : `${s.name.length}:${s.name}${s.version.length}:${s.version}${attrs}`;
}

function attributesContentKey(attrs: readonly Attribute[]): string | undefined {
  let key = '';
  for (const a of attrs) {
    const v = a.value;
    let text: string;
    switch (v.type) {
      case 'string':
        text = 's' + v.value;
        break;
      case 'int':
        text = 'i' + v.value.toString();
        break;
      case 'double':
        // String() gives the shortest text that reads back as the same double, except -0.
        text = 'd' + (Object.is(v.value, -0) ? '-0' : String(v.value));
        break;
      case 'bool':
        text = v.value ? 'T' : 'F';
        break;
      default:
        return undefined;
    }
    key += `${a.key.length}:${a.key}${text.length}:${text}`;
  }
  return key;
}
