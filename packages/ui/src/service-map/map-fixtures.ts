import type { MapEdgeJson, MapNodeJson, MapOperationJson, ServiceMapJson } from './service-map-json.js';

/**
 * Service maps for the unit tests, in the API's shape: a small shop (three services, a database,
 * a peer known only by peer.service) and a generated map of many services.
 */

const HOUR_NS = 3_600_000_000_000n;
export const WINDOW_END = 1_800_000_000_000_000_000n;

const op = (name: string, kind: string, count: number, errorCount = 0, p50 = '2000000', p99 = '9000000'): MapOperationJson => ({ name, kind, count, errorCount, p50Nanos: p50, p99Nanos: p99 });
const service = (name: string, spanCount: number, errorCount: number, operations: MapOperationJson[] = []): MapNodeJson => ({ id: `service:${name}`, kind: 'service', name, spanCount, errorCount, operations });
const edge = (source: string, target: string, callCount: number, errorCount = 0, p50 = '3000000', p99 = '40000000'): MapEdgeJson => ({ source, target, callCount, errorCount, p50Nanos: p50, p99Nanos: p99 });

/** One hour: frontend → checkout → (postgres, payments-api), frontend → inventory. */
export function shopMap(): ServiceMapJson {
  return {
    start: String(WINDOW_END - HOUR_NS),
    end: String(WINDOW_END),
    nodes: [
      service('frontend', 7200, 36, [op('GET /cart', 'server', 3600, 0), op('POST /checkout', 'server', 1800, 36, '120000000', '900000000'), op('GET', 'client', 1800)]),
      service('checkout', 3600, 90, [op('POST /checkout', 'server', 1800, 90), op('GET /cart', 'server', 1800)]),
      service('inventory', 1800, 0, [op('GET /prices', 'server', 1800)]),
      { id: 'database:postgresql/shop', kind: 'database', name: 'shop', spanCount: 0, errorCount: 0, operations: [] },
      { id: 'service:payments-api', kind: 'service', name: 'payments-api', spanCount: 0, errorCount: 0, operations: [] },
    ],
    edges: [
      edge('service:frontend', 'service:checkout', 3600, 36),
      edge('service:frontend', 'service:inventory', 1800),
      edge('service:checkout', 'database:postgresql/shop', 360, 0, '1500000', '8000000'),
      edge('service:checkout', 'service:payments-api', 900, 225, '80000000', '1200000000'),
    ],
  };
}

/** A small deterministic PRNG (mulberry32): generated maps are the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `services` services in five tiers (gateways call mid tiers call back ends, as real systems
 * are shaped), each calling 1–3 services of later tiers, plus a few databases and external
 * peers, and a couple of calls back up (cycles happen). Names vary in length, some very long.
 */
export function generatedMap(services: number, seed = 1): ServiceMapJson {
  const rand = seeded(seed);
  const TIERS = 5;
  const tierOf = (i: number): number => Math.floor((i * TIERS) / services);
  const names = Array.from({ length: services }, (_, i) => (i % 7 === 3 ? `a-rather-long-service-name-number-${i}-with-suffix` : `svc-${i}`));
  const nodes: MapNodeJson[] = names.map((n, i) => service(n, 100 + Math.floor(rand() * 10_000), i % 5 === 0 ? Math.floor(rand() * 50) : 0, [op(`GET /${n}`, 'server', 100)]));
  const extras: MapNodeJson[] = [
    { id: 'database:postgresql/orders', kind: 'database', name: 'orders', spanCount: 0, errorCount: 0, operations: [] },
    { id: 'database:redis', kind: 'database', name: 'redis', spanCount: 0, errorCount: 0, operations: [] },
    { id: 'external:api.stripe.com', kind: 'external', name: 'api.stripe.com', spanCount: 0, errorCount: 0, operations: [] },
  ];
  const edges: MapEdgeJson[] = [];
  const seen = new Set<string>();
  const add = (s: string, t: string): void => {
    if (s === t || seen.has(`${s}>${t}`)) return;
    seen.add(`${s}>${t}`);
    const calls = 1 + Math.floor(rand() * 5000);
    edges.push(edge(s, t, calls, rand() < 0.2 ? Math.floor(calls * rand() * 0.3) : 0));
  };
  for (let i = 0; i < services; i++) {
    const later = nodes.filter((_, j) => tierOf(j) > tierOf(i));
    if (later.length === 0) continue;
    const fanOut = 1 + Math.floor(rand() * 3);
    for (let f = 0; f < fanOut; f++) add(nodes[i]!.id, later[Math.floor(rand() * later.length)]!.id);
  }
  for (let i = 0; i < 8; i++) add(nodes[Math.floor(rand() * services)]!.id, extras[i % extras.length]!.id);
  add(nodes[services - 1]!.id, nodes[Math.floor(services / 2)]!.id);
  add(nodes[services - 2]!.id, nodes[0]!.id);
  return { start: String(WINDOW_END - HOUR_NS), end: String(WINDOW_END), nodes: [...nodes, ...extras], edges };
}
