import { chosenParentCtes } from './dependency-sql.js';
import { bigintLiteral } from './sql-params.js';

/**
 * SQL for the service map (rules in semantics/service-graph.ts). Each statement returns
 * aggregates only, percentiles from `quantile_cont` (doubles; rounded to nanoseconds in JS, the
 * same way the memory store rounds its own). Table lists come from the caller:
 * `window` = the days the window touches; `around` = those plus the day either side, where
 * parents and children of window spans may have started.
 */

const inWindow = (start: bigint, end: bigint): string => `start_ns >= ${bigintLiteral(start)} AND start_ns < ${bigintLiteral(end)}`;

/** Rows: service, name, kind, count, errors, p50, p99 per (service, span name, kind). */
export function operationStatsSql(window: readonly string[], start: bigint, end: bigint): string {
  const scan = window.map((t) => `SELECT resource_id, name, kind, status_code, duration_ns FROM ${t} WHERE ${inWindow(start, end)}`).join(' UNION ALL ');
  return `
SELECT r.service, s.name, s.kind, count(*) AS span_count, count(*) FILTER (WHERE s.status_code = 2) AS error_count,
       quantile_cont(s.duration_ns, 0.5) AS p50, quantile_cont(s.duration_ns, 0.99) AS p99
  FROM (${scan}) s JOIN resources r ON r.id = s.resource_id
 GROUP BY r.service, s.name, s.kind`;
}

/** SQL expressions (over a `spans_<day>` row) for the peer attributes, each NULL when absent. */
export interface PeerAttributeSql {
  readonly dbSystem: string;
  readonly dbNamespace: string;
  readonly peerService: string;
  readonly address: string;
}

/**
 * Rows: caller service, target kind, target id, target name, calls, errors, p50, p99. Two kinds of
 * call are aggregated together, so a peer reached both ways (a `peer.service` naming a service
 * that also answers other calls itself) is one edge:
 * - service calls: child spans in the window whose parent (getDependencies' choice) is in
 *   another service, with the child's status and duration;
 * - inferred calls: CLIENT (3) and PRODUCER (4) spans in the window that no span of another
 *   service answers (names as parent, or shares the id as a server half), to the peer their
 *   attributes name, with their own status and duration. The two NOT EXISTS are equality
 *   anti-joins DuckDB runs as hash joins.
 */
export function edgesSql(window: readonly string[], around: readonly string[], start: bigint, end: bigint, peer: PeerAttributeSql): string {
  const callers = window
    .map(
      (t) => `SELECT trace_id, span_id, span_bits, resource_id, duration_ns, status_code, shape_id, str_values
         FROM ${t} WHERE ${inWindow(start, end)} AND kind IN (3, 4)`,
    )
    .join(' UNION ALL ');
  return `
WITH ${chosenParentCtes(around, start, end)},
names AS (SELECT DISTINCT sid, service FROM services),
service_calls AS (
  SELECT p.service AS source, 'service' AS target_kind, 'service:' || c.service AS target, c.service AS target_name,
         chosen.child_duration AS duration_ns, chosen.child_status AS status_code
    FROM chosen JOIN names p ON p.sid = (chosen.packed >> 8) & 4294967295 JOIN names c ON c.sid = chosen.child_sid
   WHERE (chosen.packed >> 8) & 4294967295 <> chosen.child_sid
),
callers AS (
  SELECT c.*, (c.span_bits & 2) <> 0 AS shared, r.sid, r.service
    FROM (${callers}) c JOIN services r ON r.id = c.resource_id
),
unanswered_spans AS (
  SELECT * FROM callers c
   WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = c.trace_id AND s.parent_id = c.span_id AND s.sid <> c.sid)
     AND (c.shared OR NOT EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = c.trace_id AND s.span_id = c.span_id AND s.shared AND s.sid <> c.sid))
),
-- Peer attributes are read only for the few unanswered spans: reading them for every caller
-- before the anti-joins made the whole query ~40 % slower at 1M spans.
unanswered AS (
  SELECT service, duration_ns, status_code,
         ${peer.dbSystem} AS db_system, ${peer.dbNamespace} AS db_namespace, ${peer.peerService} AS peer_service, ${peer.address} AS address
    FROM unanswered_spans
),
inferred_calls AS (
  SELECT service AS source,
         CASE WHEN db_system IS NOT NULL THEN 'database' WHEN peer_service IS NOT NULL THEN 'service' WHEN address IS NOT NULL THEN 'external' END AS target_kind,
         CASE WHEN db_system IS NOT NULL THEN 'database:' || db_system || coalesce('/' || db_namespace, '')
              WHEN peer_service IS NOT NULL THEN 'service:' || peer_service
              WHEN address IS NOT NULL THEN 'external:' || address END AS target,
         CASE WHEN db_system IS NOT NULL THEN coalesce(db_namespace, db_system)
              WHEN peer_service IS NOT NULL THEN peer_service
              ELSE address END AS target_name,
         duration_ns, status_code
    FROM unanswered
)
SELECT source, target_kind, target, min(target_name), count(*) AS call_count, count(*) FILTER (WHERE status_code = 2) AS error_count,
       quantile_cont(duration_ns, 0.5) AS p50, quantile_cont(duration_ns, 0.99) AS p99
  FROM (SELECT * FROM service_calls
        UNION ALL
        SELECT * FROM inferred_calls WHERE target IS NOT NULL AND target <> 'service:' || source)
 GROUP BY source, target_kind, target`;
}
