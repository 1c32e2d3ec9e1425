import { bigintLiteral } from './sql-params.js';

/**
 * The service graph, derived at query time from parent/child spans (no batch job), with the same
 * parent rules as `semantics/dependency-links.ts`:
 * - a Zipkin shared server half reports to its client half (same trace and span id, not shared);
 * - otherwise to the span named by `parent_id`, preferring the candidate in the child's own
 *   service, then a shared (server) half.
 * A call is counted per child span whose start is in [start, end) and whose parent is in another
 * service; an error when either side has status ERROR (2).
 */
export function dependencyLinksSql(tables: readonly string[], start: bigint, end: bigint): string {
  return `
WITH ${chosenParentCtes(tables, start, end)},
links AS (
  SELECT (packed >> 8) & 4294967295 AS parent_sid, child_sid, count(*) AS call_count,
         count(*) FILTER (WHERE packed & 255 = 2 OR child_status = 2) AS error_count
    FROM chosen
   WHERE (packed >> 8) & 4294967295 <> child_sid
   GROUP BY ALL
),
names AS (SELECT DISTINCT sid, service FROM services)
SELECT p.service AS parent, c.service AS child, call_count, error_count
  FROM links JOIN names p ON p.sid = links.parent_sid JOIN names c ON c.sid = links.child_sid
 ORDER BY parent, child`;
}

/**
 * CTEs ending in `chosen`: one row per child span starting in [start, end) that has a parent,
 * with `child_sid`, `child_status`, `child_duration` and `packed` = (preference << 40 | parent
 * service id << 8 | parent status); `services` maps resource ids to service ids (`sid`).
 *
 * One hash join does both lookups: each child asks for its parent id and, if shared, for its own
 * id (the client half); a GROUP BY keeps the best candidate per child. `tables` hold the window's
 * days and the day before, so a parent that started a little earlier is found.
 */
export function chosenParentCtes(tables: readonly string[], start: bigint, end: bigint): string {
  const spans = tables.map((t) => `SELECT trace_id, span_id, parent_id, start_ns, duration_ns, span_bits, status_code, resource_id FROM ${t}`).join(' UNION ALL ');
  return `
services AS (
  SELECT id, service, dense_rank() OVER (ORDER BY service) AS sid FROM resources
),
spans AS (
  SELECT s.trace_id, s.span_id, s.parent_id, s.start_ns, s.duration_ns, (s.span_bits & 2) <> 0 AS shared, s.status_code, r.sid
    FROM (${spans}) s JOIN services r ON r.id = s.resource_id
),
children AS (
  SELECT *, row_number() OVER () AS cid FROM spans WHERE start_ns >= ${bigintLiteral(start)} AND start_ns < ${bigintLiteral(end)}
),
lookups AS (
  SELECT cid, trace_id, parent_id AS target, false AS client_half, sid, status_code, duration_ns FROM children WHERE parent_id <> 0
  UNION ALL
  SELECT cid, trace_id, span_id AS target, true AS client_half, sid, status_code, duration_ns FROM children WHERE shared
),
pairs AS (
  -- (preference, parent service, parent status) packed into one BIGINT, so min() picks the best
  -- candidate: far cheaper than arg_min over a struct for a million children.
  SELECT l.cid, l.sid AS child_sid, l.status_code AS child_status, l.duration_ns AS child_duration,
         ((CASE WHEN l.client_half THEN 0 WHEN p.sid = l.sid THEN 1 WHEN p.shared THEN 2 ELSE 3 END)::BIGINT << 40)
           | (p.sid::BIGINT << 8) | p.status_code::BIGINT AS packed
    FROM lookups l JOIN spans p ON p.trace_id = l.trace_id AND p.span_id = l.target
   WHERE NOT (l.client_half AND p.shared)
),
chosen AS (
  SELECT any_value(child_sid) AS child_sid, any_value(child_status) AS child_status, any_value(child_duration) AS child_duration, min(packed) AS packed
    FROM pairs GROUP BY cid
)`;
}
