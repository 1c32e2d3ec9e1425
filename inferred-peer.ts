import { findStringAttribute, type Attribute } from '@skein/model';
import type { ServiceGraphNodeKind } from '../trace-store.js';
import { REMOTE_SERVICE_KEY } from './remote-service.js';

/**
 * Who an uninstrumented call went to, read from the calling CLIENT/PRODUCER span's attributes
 * (OpenTelemetry semantic conventions; the same peer attributes Tempo's service-graph processor
 * reads): a database (`db.system`, named by `db.namespace`/`db.name`), else a service named by
 * `peer.service`, else an external host (`server.address`, or the older `net.peer.name`, or
 * `http.host`). Each attribute counts only when the FIRST attribute with that key is a non-empty
 * string (`findStringAttribute`); the DuckDB store reads the same first position in SQL.
 */
export const DB_SYSTEM_KEYS = ['db.system', 'db.system.name'] as const;
export const DB_NAMESPACE_KEYS = ['db.namespace', 'db.name'] as const;
export const PEER_SERVICE_KEYS = [REMOTE_SERVICE_KEY] as const;
export const PEER_ADDRESS_KEYS = ['server.address', 'net.peer.name', 'http.host'] as const;

export interface InferredPeer {
  readonly id: string;
  readonly kind: ServiceGraphNodeKind;
  readonly name: string;
}

/** The peer a call went to, or undefined when the span names none. */
export function inferredPeerOf(attributes: readonly Attribute[]): InferredPeer | undefined {
  const first = (keys: readonly string[]): string | undefined => {
    for (const key of keys) {
      const v = findStringAttribute(attributes, key);
      if (v) return v;
    }
    return undefined;
  };
  const dbSystem = first(DB_SYSTEM_KEYS);
  if (dbSystem !== undefined) {
    const namespace = first(DB_NAMESPACE_KEYS);
    // Two databases of one system (two Postgres databases) are two nodes on the map.
    return { id: namespace === undefined ? `database:${dbSystem}` : `database:${dbSystem}/${namespace}`, kind: 'database', name: namespace ?? dbSystem };
  }
  const peer = first(PEER_SERVICE_KEYS);
  if (peer !== undefined) return { id: serviceNodeId(peer), kind: 'service', name: peer };
  const address = first(PEER_ADDRESS_KEYS);
  if (address !== undefined) return { id: `external:${address}`, kind: 'external', name: address };
  return undefined;
}

export const serviceNodeId = (service: string): string => `service:${service}`;
