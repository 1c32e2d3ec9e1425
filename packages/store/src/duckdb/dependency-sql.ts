import { bigintLiteral } from './sql-params.js';

/**
 * The service graph, derived at query time from parent/child spans (no batch job), with the same
 * parent rules as `semantics/dependency-links.ts`:
 * - a Zipkin shared server half reports to its client half (same trace and span id, not shared);
 * - otherwise to the span named by `parent_id`, preferring the candidate in the child's own
 *   service, then a shared (server) half.
 * A call is counted per child span whose start is in [start, end) and whose parent is in another
 * service; an error when either side has status ERROR (2).
 *
 * `windowTables` hold the children; `parentTables` the possible parents (the window's days and
 * the day before, so a parent that started a little earlier is found).
 */
export function dependencyLinksSql(windowTables: readonly string[], parentTables: readonly string[], start: bigint, end: bigint): string {
  const children = windowTables
    .map((t) => `SELECT trace_id, span_id, parent_id, resource_id, status_code, (span_bits & 2) <> 0 AS shared FROM ${t} WHERE start_ns >= ${bigintLiteral(start)} AND start_ns < ${bigintLiteral(end)}`)
    .join(' UNION ALL ');
  const candidates = parentTables
    .map((t) => `SELECT trace_id, span_id, resource_id, status_code, (span_bits & 2) <> 0 AS shared FROM ${t} WHERE trace_id IN (SELECT trace_id FROM child_spans)`)
    .join(' UNION ALL ');
  return `
WITH child_spans AS (${children}),
c AS (SELECT s.*, r.service, row_number() OVER () AS cid FROM child_spans s JOIN resources r ON r.id = s.resource_id),
p AS (SELECT s.*, r.service FROM (${candidates}) s JOIN resources r ON r.id = s.resource_id),
pairs AS (
  SELECT c.cid, p.service AS parent_service, p.status_code AS parent_status, 0 AS preference
    FROM c JOIN p ON p.trace_id = c.trace_id AND p.span_id = c.span_id AND NOT p.shared
   WHERE c.shared
  UNION ALL
  SELECT c.cid, p.service, p.status_code,
         CASE WHEN p.service = c.service THEN 1 WHEN p.shared THEN 2 ELSE 3 END
    FROM c JOIN p ON p.trace_id = c.trace_id AND p.span_id = c.parent_id
   WHERE c.parent_id <> 0
),
chosen AS (SELECT cid, parent_service, parent_status FROM pairs QUALIFY row_number() OVER (PARTITION BY cid ORDER BY preference) = 1)
SELECT chosen.parent_service AS parent, c.service AS child,
       count(*) AS call_count,
       count(*) FILTER (WHERE chosen.parent_status = 2 OR c.status_code = 2) AS error_count
  FROM chosen JOIN c USING (cid)
 WHERE chosen.parent_service <> c.service
 GROUP BY ALL
 ORDER BY parent, child`;
}
