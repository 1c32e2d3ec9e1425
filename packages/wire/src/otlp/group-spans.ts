import type { AnyValue, Attribute, InstrumentationScope, Resource, Span } from '@skein/model';

export interface ScopeGroup {
  readonly scope: InstrumentationScope;
  readonly spans: Span[];
}

export interface ResourceGroup {
  readonly resource: Resource;
  readonly scopes: ScopeGroup[];
}

/**
 * Groups spans the way OTLP nests them: by resource, then by scope, in order of first
 * appearance. Objects are matched by identity first (decoders and the store share them, so
 * this is the common, cheap case) and then by equal content, so that spans whose resources
 * were built separately still travel under one ResourceSpans.
 */
export function groupSpansByResourceAndScope(spans: readonly Span[]): ResourceGroup[] {
  const groups: ResourceGroup[] = [];
  const byResource = new Map<Resource, ResourceBucket>();
  const byResourceContent = new Map<string, ResourceBucket>();
  for (const span of spans) {
    let bucket = byResource.get(span.resource);
    if (!bucket) {
      const key = resourceKey(span.resource);
      bucket = byResourceContent.get(key);
      if (!bucket) {
        bucket = { group: { resource: span.resource, scopes: [] }, byScope: new Map(), byScopeContent: new Map() };
        byResourceContent.set(key, bucket);
        groups.push(bucket.group);
      }
      byResource.set(span.resource, bucket);
    }
    let scopeGroup = bucket.byScope.get(span.scope);
    if (!scopeGroup) {
      const key = scopeKey(span.scope);
      scopeGroup = bucket.byScopeContent.get(key);
      if (!scopeGroup) {
        scopeGroup = { scope: span.scope, spans: [] };
        bucket.byScopeContent.set(key, scopeGroup);
        bucket.group.scopes.push(scopeGroup);
      }
      bucket.byScope.set(span.scope, scopeGroup);
    }
    scopeGroup.spans.push(span);
  }
  return groups;
}

interface ResourceBucket {
  readonly group: ResourceGroup;
  readonly byScope: Map<InstrumentationScope, ScopeGroup>;
  readonly byScopeContent: Map<string, ScopeGroup>;
}

const resourceKey = (r: Resource): string => JSON.stringify([r.droppedAttributesCount, attributesKey(r.attributes)]);
const scopeKey = (s: InstrumentationScope): string => JSON.stringify([s.name, s.version, attributesKey(s.attributes)]);

/** A JSON-able image of attributes that tells apart every value and type (1 vs 1.0 vs "1"). */
function attributesKey(attributes: readonly Attribute[]): unknown[] {
  return attributes.map((a) => [a.key, valueKey(a.value)]);
}

function valueKey(v: AnyValue): unknown[] {
  switch (v.type) {
    case 'string':
    case 'bool':
      return [v.type, v.value];
    case 'int':
      return [v.type, v.value.toString()];
    case 'double':
      return [v.type, Object.is(v.value, -0) ? '-0' : String(v.value)];
    case 'bytes':
      return [v.type, Buffer.from(v.value.buffer, v.value.byteOffset, v.value.byteLength).toString('base64')];
    case 'array':
      return [v.type, v.value.map(valueKey)];
    case 'kvlist':
      return [v.type, attributesKey(v.value)];
  }
}
