import { serviceNameOf, type Resource } from '@skein/model';
import type { AttributeCondition, TraceQuery, TraceSort } from '../trace-store.js';
import { compileAnchoredRegex, conditionHoldsOnValues, valuesOfKey } from '../semantics/attribute-condition.js';
import { REMOTE_SERVICE_KEY } from '../semantics/remote-service.js';
import { ATTR_TYPE } from './schema.js';
import type { KeyPosition } from './shape-registry.js';
import { bigintLiteral, doubleLiteral, hugeintLiteral, idList, type SqlParams } from './sql-params.js';

type KeyCondition = Exclude<AttributeCondition, { op: 'event' }>;
type TypeLetter = (typeof ATTR_TYPE)[keyof typeof ATTR_TYPE];

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const VALUES_COLUMN: Record<TypeLetter, string> = {
  s: 'str_values',
  i: 'int_values',
  d: 'dbl_values',
  b: 'bool_values',
  o: 'other_values',
};

/** What the search resolves in memory before the scan: resources, keys and attribute shapes. */
export interface SearchLookups {
  resourcesWhere(predicate: (r: Resource) => boolean): number[];
  /** The id spans use for this attribute key; undefined if no stored span ever had it. */
  keyId(key: string): number | undefined;
  /** Positions of a key in one type's value list, with the shapes that have it there. */
  keyPositions(keyId: number, type: TypeLetter): KeyPosition[];
  /** Shapes that contain the key. */
  shapesWithKey(keyId: number): number[];
}

/**
 * Translates a TraceQuery's span-level conditions into one SQL predicate over a `spans_<day>`
 * row, with the same semantics as `spanPredicate` (the memory store). Resource attributes,
 * services, keys and shapes are resolved in JS to id sets, so an attribute test becomes
 * "shape_id IN (…) AND str_values[p] = $v": a positional read, no search through lists.
 * Returns undefined when nothing can match (e.g. an unknown service), so the caller skips the scan.
 */
export function spanConditionSql(query: TraceQuery, lookups: SearchLookups, params: SqlParams): string | undefined {
  const where: string[] = [];
  if (query.serviceName !== undefined) {
    const service = query.serviceName;
    const ids = lookups.resourcesWhere((r) => serviceNameOf(r) === service);
    if (ids.length === 0) return undefined;
    where.push(resourceIn(ids));
  }
  if (query.remoteServiceName !== undefined) {
    const remote = params.text(query.remoteServiceName);
    where.push(valueTest(lookups, lookups.keyId(REMOTE_SERVICE_KEY), ATTR_TYPE.string, (v) => `${v} = ${remote}`));
  }
  if (query.spanName !== undefined) where.push(`name = ${params.text(query.spanName)}`);
  if (query.spanKind !== undefined) where.push(`kind = ${Number(query.spanKind)}`);
  if (query.statusCode !== undefined) where.push(`status_code = ${Number(query.statusCode)}`);
  if (query.minDurationNanos !== undefined) where.push(`duration_ns >= ${bigintLiteral(query.minDurationNanos)}`);
  if (query.maxDurationNanos !== undefined) where.push(`duration_ns <= ${bigintLiteral(query.maxDurationNanos)}`);
  if (query.startTimeMinNanos !== undefined) where.push(`start_ns >= ${bigintLiteral(query.startTimeMinNanos)}`);
  if (query.startTimeMaxNanos !== undefined) where.push(`start_ns <= ${bigintLiteral(query.startTimeMaxNanos)}`);
  for (const condition of query.attributes ?? []) {
    if (condition.op === 'event') where.push(`list_contains(event_names, ${params.text(condition.value)})`);
    else where.push(keyConditionSql(condition, lookups, params));
  }
  return where.length === 0 ? 'TRUE' : where.join(' AND ');
}

/** Resource ids for which the condition holds on the resource's own attributes. */
function resourceIds(lookups: SearchLookups, condition: KeyCondition, regex?: RegExp): number[] {
  return lookups.resourcesWhere((r) => conditionHoldsOnValues(valuesOfKey(r.attributes, condition.key), condition, regex));
}

const resourceIn = (ids: readonly number[]): string => (ids.length === 0 ? 'FALSE' : `resource_id IN (${idList(ids)})`);
const resourceNotIn = (ids: readonly number[]): string => (ids.length === 0 ? 'TRUE' : `resource_id NOT IN (${idList(ids)})`);

function keyConditionSql(condition: KeyCondition, lookups: SearchLookups, params: SqlParams): string {
  const key = lookups.keyId(condition.key);
  const has: KeyCondition = { key: condition.key, op: 'exists' };
  switch (condition.op) {
    case 'exists':
      return `(${spanHasKey(lookups, key)} OR ${resourceIn(resourceIds(lookups, condition))})`;
    case 'not-exists':
      return `(NOT ${spanHasKey(lookups, key)} AND ${resourceNotIn(resourceIds(lookups, has))})`;
    case '=':
      return `(${spanTextEquals(lookups, key, condition.value, params)} OR ${resourceIn(resourceIds(lookups, condition))})`;
    case '!=': {
      const equals: KeyCondition = { key: condition.key, op: '=', value: condition.value };
      return `((${spanHasKey(lookups, key)} OR ${resourceIn(resourceIds(lookups, has))}) AND NOT ${spanTextEquals(lookups, key, condition.value, params)} AND ${resourceNotIn(resourceIds(lookups, equals))})`;
    }
    case 'regex': {
      const regex = compileAnchoredRegex(condition.value);
      const pattern = params.text(condition.value);
      return `(${valueTest(lookups, key, ATTR_TYPE.string, (v) => `regexp_full_match(${v}, ${pattern})`)} OR ${resourceIn(resourceIds(lookups, condition, regex))})`;
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return `(${intComparison(lookups, key, condition.op, condition.value)} OR ${doubleComparison(lookups, key, condition.op, condition.value)} OR ${resourceIn(resourceIds(lookups, condition))})`;
  }
}

/**
 * Some value of `type` stored under the key satisfies `test`: for each position the key takes in
 * that type's list, "shape has the key there AND the value there passes". A span whose shape
 * repeats the key is in several position groups, so every one of its values is tried.
 */
function valueTest(lookups: SearchLookups, key: number | undefined, type: TypeLetter, test: (value: string) => string): string {
  if (key === undefined) return 'FALSE';
  const groups = lookups.keyPositions(key, type);
  if (groups.length === 0) return 'FALSE';
  const column = VALUES_COLUMN[type];
  return `(${groups.map((g) => `(shape_id IN (${idList(g.shapeIds)}) AND ${test(`${column}[${g.position}]`)})`).join(' OR ')})`;
}

function spanHasKey(lookups: SearchLookups, key: number | undefined): string {
  if (key === undefined) return 'FALSE';
  const shapes = lookups.shapesWithKey(key);
  return shapes.length === 0 ? 'FALSE' : `shape_id IN (${idList(shapes)})`;
}

/** `=` by text: a string equal to it, or an int/double/bool whose canonical text is it. */
function spanTextEquals(lookups: SearchLookups, key: number | undefined, text: string, params: SqlParams): string {
  const parts = [valueTest(lookups, key, ATTR_TYPE.string, (v) => `${v} = ${params.text(text)}`)];
  const asInt = canonicalInt(text);
  if (asInt !== undefined) parts.push(valueTest(lookups, key, ATTR_TYPE.int, (v) => `${v} = ${bigintLiteral(asInt)}`));
  const asDouble = canonicalDouble(text);
  if (asDouble !== undefined) parts.push(valueTest(lookups, key, ATTR_TYPE.double, (v) => (Number.isNaN(asDouble) ? `isnan(${v})` : `${v} = ${doubleLiteral(asDouble)}`)));
  if (text === 'true' || text === 'false') parts.push(valueTest(lookups, key, ATTR_TYPE.bool, (v) => `${v} = ${text}`));
  return `(${parts.join(' OR ')})`;
}

/** The int64 whose decimal text is exactly `text`, if any. */
function canonicalInt(text: string): bigint | undefined {
  if (!/^-?(0|[1-9][0-9]*)$/.test(text) || text === '-0') return undefined;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

/** The double whose JS text (anyValueToString) is exactly `text`, if any. */
function canonicalDouble(text: string): number | undefined {
  const n = Number(text);
  const back = Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : String(n);
  return back === text && text.trim() === text && text !== '' ? n : undefined;
}

/** Exact int64 comparison with a JS number bound (fractional and out-of-range bounds included). */
function intComparison(lookups: SearchLookups, key: number | undefined, op: '<' | '<=' | '>' | '>=', bound: number): string {
  if (Number.isNaN(bound)) return 'FALSE';
  const below = op === '<' || op === '<=';
  const any = (v: string) => `${v} IS NOT NULL`;
  if (bound === Infinity || bound > 2 ** 63) return below ? valueTest(lookups, key, ATTR_TYPE.int, any) : 'FALSE';
  if (bound === -Infinity || bound < -(2 ** 63)) return below ? 'FALSE' : valueTest(lookups, key, ATTR_TYPE.int, any);
  const floor = BigInt(Math.floor(bound));
  // For a fractional bound b with floor f: v < b ⇔ v <= b ⇔ v <= f, and v > b ⇔ v >= b ⇔ v > f.
  const sqlOp = Number.isInteger(bound) ? op : below ? '<=' : '>';
  return valueTest(lookups, key, ATTR_TYPE.int, (v) => `${v} ${sqlOp} ${hugeintLiteral(floor)}`);
}

/** Double comparison; NaN never compares (DuckDB orders NaN above everything, JS does not). */
function doubleComparison(lookups: SearchLookups, key: number | undefined, op: '<' | '<=' | '>' | '>=', bound: number): string {
  if (Number.isNaN(bound)) return 'FALSE';
  return valueTest(lookups, key, ATTR_TYPE.double, (v) => `NOT isnan(${v}) AND ${v} ${op} ${doubleLiteral(bound)}`);
}

/** ORDER BY for the grouped (trace_id, start_ns, duration_ns) rows; ties by trace id. */
export function traceSortSql(sort: TraceSort): string {
  switch (sort) {
    case 'newest':
      return 'start_ns DESC, trace_id ASC';
    case 'oldest':
      return 'start_ns ASC, trace_id ASC';
    case 'duration':
      return 'duration_ns DESC, trace_id ASC';
    case 'shortest':
      return 'duration_ns ASC, trace_id ASC';
  }
}

export type { TypeLetter };
