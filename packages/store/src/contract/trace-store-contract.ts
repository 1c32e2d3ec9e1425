import { describe } from 'node:test';
import type { TraceStoreFactory } from './contract-fixtures.js';
import { registerRoundTripContract } from './round-trip.contract.js';
import { registerOutlineContract } from './outline.contract.js';
import { registerSearchContract } from './search.contract.js';
import { registerCatalogContract } from './catalog.contract.js';
import { registerDependenciesContract } from './dependencies.contract.js';
import { registerServiceGraphContract } from './service-graph.contract.js';
import { registerRetentionContract } from './retention.contract.js';
import { registerLifecycleContract } from './lifecycle.contract.js';

export type { TraceStoreFactory, TraceStoreUnderTest } from './contract-fixtures.js';

/**
 * Registers (with node:test) the behaviour every TraceStore must have: the documented semantics
 * of each method, checked against hand-worked datasets. Call it from a `*.test.ts` beside the
 * implementation with a factory that makes a fresh, empty store for each use.
 */
export function runTraceStoreContract(name: string, factory: TraceStoreFactory): void {
  describe(`TraceStore contract: ${name}`, () => {
    registerRoundTripContract(factory);
    registerOutlineContract(factory);
    registerSearchContract(factory);
    registerCatalogContract(factory);
    registerDependenciesContract(factory);
    registerServiceGraphContract(factory);
    registerRetentionContract(factory);
    registerLifecycleContract(factory);
  });
}
