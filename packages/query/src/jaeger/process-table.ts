import { serviceNameOf, type Resource } from '@skein/model';
import type { JaegerProcess } from './jaeger-json.js';
import { jaegerTags } from './jaeger-tag.js';

/**
 * Assigns Jaeger process ids ("p1", "p2", … in order of first use) to the resources of one
 * trace. A process is the service name plus the resource's other attributes as tags (sorted by
 * key, as Jaeger's query service sorts resource attributes); resources that give the same
 * process share one id, as in Jaeger's `processHashtable`.
 */
export class JaegerProcessTable {
  private readonly idsByResource = new Map<Resource, string>();
  private readonly idsByContent = new Map<string, string>();
  private readonly byId: Record<string, JaegerProcess> = {};
  private count = 0;

  idFor(resource: Resource): string {
    // Spans of one batch share their Resource object, so identity answers most lookups.
    const known = this.idsByResource.get(resource);
    if (known) return known;
    const process = toJaegerProcess(resource);
    const content = JSON.stringify(process);
    let id = this.idsByContent.get(content);
    if (!id) {
      id = `p${++this.count}`;
      this.idsByContent.set(content, id);
      this.byId[id] = process;
    }
    this.idsByResource.set(resource, id);
    return id;
  }

  processes(): Record<string, JaegerProcess> {
    return this.byId;
  }
}

function toJaegerProcess(resource: Resource): JaegerProcess {
  const others = resource.attributes.filter((a) => a.key !== 'service.name');
  const sorted = others.map((a, i) => ({ a, i })).sort((x, y) => (x.a.key < y.a.key ? -1 : x.a.key > y.a.key ? 1 : x.i - y.i));
  return { serviceName: serviceNameOf(resource), tags: jaegerTags(sorted.map((x) => x.a)) };
}
