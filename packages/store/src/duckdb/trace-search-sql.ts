import { serviceNameOf, type Resource } from '@skein/model';
import type { AttributeCondition, TraceQuery, TraceSort } from '../trace-store.js';
import { compileAnchoredRegex, conditionHoldsOnValues, valuesOfKey } from '../semantics/attribute-condition.js';
import { REMOTE_SERVICE_KEY } from '../semantics/remote-service.js';
import { bigintLiteral, doubleLiteral, hugeintLiteral, idList, type SqlParams } from './sql-params.js';

type KeyCondition = Exclude<AttributeCondition, { op: 'event' }>;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Resource lookups the search needs; resources are few and held in memory. */
export interface ResourceLookup {
  idsWhere(predicate: (r: Resource) => boolean): number[];
}

/**
 * Translates a TraceQuery's span-level conditions into one SQL predicate over a `spans_<day>`
 * row, with the same semantics as `spanPredicate` (the memory store). Resource-attribute parts
 * are resolved in JS to resource id sets. Returns undefined when nothing can match (e.g. an
 * unknown service), so the caller skips the scan.
 */
export function spanConditionSql(query: TraceQuery, resources: ResourceLookup, params: SqlParams): string | undefined {
  const where: string[] = [];
  if (query.serviceName !== undefined) {
    const service = query.serviceName;
    const ids = resources.idsWhere((r) => serviceNameOf(r) === service);
    if (ids.length === 0) return undefined;
    where.push(resourceIn(ids));
  }
  if (query.remoteServiceName !== undefined) where.push(stringPairMatches(params.text(REMOTE_SERVICE_KEY), (v) => `${v} = ${params.text(query.remoteServiceName!)}`));
  if (query.spanName !== undefined) where.push(`name = ${params.text(query.spanName)}`);
  if (query.spanKind !== undefined) where.push(`kind = ${Number(query.spanKind)}`);
  if (query.statusCode !== undefined) where.push(`status_code = ${Number(query.statusCode)}`);
  if (query.minDurationNanos !== undefined) where.push(`duration_ns >= ${bigintLiteral(query.minDurationNanos)}`);
  if (query.maxDurationNanos !== undefined) where.push(`duration_ns <= ${bigintLiteral(query.maxDurationNanos)}`);
  if (query.startTimeMinNanos !== undefined) where.push(`start_ns >= ${bigintLiteral(query.startTimeMinNanos)}`);
  if (query.startTimeMaxNanos !== undefined) where.push(`start_ns <= ${bigintLiteral(query.startTimeMaxNanos)}`);
  for (const condition of query.attributes ?? []) {
    if (condition.op === 'event') where.push(`list_contains(event_names, ${params.text(condition.value)})`);
    else where.push(keyConditionSql(condition, resources, params));
  }
  return where.length === 0 ? 'TRUE' : where.join(' AND ');
}

/** Resource ids for which the condition holds on the resource's own attributes. */
function resourceIds(resources: ResourceLookup, condition: KeyCondition, regex?: RegExp): number[] {
  return resources.idsWhere((r) => conditionHoldsOnValues(valuesOfKey(r.attributes, condition.key), condition, regex));
}

const resourceIn = (ids: readonly number[]): string => (ids.length === 0 ? 'FALSE' : `resource_id IN (${idList(ids)})`);
const resourceNotIn = (ids: readonly number[]): string => (ids.length === 0 ? 'TRUE' : `resource_id NOT IN (${idList(ids)})`);

function keyConditionSql(condition: KeyCondition, resources: ResourceLookup, params: SqlParams): string {
  const key = params.text(condition.key);
  switch (condition.op) {
    case 'exists':
      return `(${spanHasKey(key)} OR ${resourceIn(resourceIds(resources, condition))})`;
    case 'not-exists': {
      const has: KeyCondition = { key: condition.key, op: 'exists' };
      return `(NOT ${spanHasKey(key)} AND ${resourceNotIn(resourceIds(resources, has))})`;
    }
    case '=':
      return `(${spanTextEquals(key, condition.value, params)} OR ${resourceIn(resourceIds(resources, condition))})`;
    case '!=': {
      const has: KeyCondition = { key: condition.key, op: 'exists' };
      const equals: KeyCondition = { key: condition.key, op: '=', value: condition.value };
      return `((${spanHasKey(key)} OR ${resourceIn(resourceIds(resources, has))}) AND NOT ${spanTextEquals(key, condition.value, params)} AND ${resourceNotIn(resourceIds(resources, equals))})`;
    }
    case 'regex': {
      const regex = compileAnchoredRegex(condition.value);
      const pattern = params.text(condition.value);
      return `(${stringPairMatches(key, (v) => `regexp_full_match(${v}, ${pattern})`)} OR ${resourceIn(resourceIds(resources, condition, regex))})`;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const parts = [intComparison(key, condition.op, condition.value), doubleComparison(key, condition.op, condition.value)].filter((p) => p !== 'FALSE');
      parts.push(`${resourceIn(resourceIds(resources, condition))}`);
      return `(${parts.join(' OR ')})`;
    }
  }
}

/**
 * Some element of `keys` equals the key and the value at the same position satisfies the test.
 * `list_contains` first: a cheap filter so the lambda only runs on rows that have the key.
 */
function pairMatches(keysColumn: string, valuesColumn: string, key: string, test: (value: string) => string): string {
  return `(list_contains(${keysColumn}, ${key}) AND len(list_filter(${keysColumn}, lambda k_, i_: k_ = ${key} AND ${test(`${valuesColumn}[i_]`)})) > 0)`;
}

const stringPairMatches = (key: string, test: (value: string) => string): string => pairMatches('str_keys', 'str_values', key, test);

function spanHasKey(key: string): string {
  return `(${['str_keys', 'int_keys', 'dbl_keys', 'bool_keys', 'other_keys'].map((c) => `list_contains(${c}, ${key})`).join(' OR ')})`;
}

/** `=` by text: a string equal to it, or an int/double/bool whose canonical text is it. */
function spanTextEquals(key: string, text: string, params: SqlParams): string {
  const parts = [stringPairMatches(key, (v) => `${v} = ${params.text(text)}`)];
  const asInt = canonicalInt(text);
  if (asInt !== undefined) parts.push(pairMatches('int_keys', 'int_values', key, (v) => `${v} = ${bigintLiteral(asInt)}`));
  const asDouble = canonicalDouble(text);
  if (asDouble !== undefined) parts.push(pairMatches('dbl_keys', 'dbl_values', key, (v) => (Number.isNaN(asDouble) ? `isnan(${v})` : `${v} = ${doubleLiteral(asDouble)}`)));
  if (text === 'true' || text === 'false') parts.push(pairMatches('bool_keys', 'bool_values', key, (v) => `${v} = ${text}`));
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
function intComparison(key: string, op: '<' | '<=' | '>' | '>=', bound: number): string {
  if (Number.isNaN(bound)) return 'FALSE';
  const below = op === '<' || op === '<=';
  if (bound === Infinity || bound > 2 ** 63) return below ? pairMatches('int_keys', 'int_values', key, () => 'TRUE') : 'FALSE';
  if (bound === -Infinity || bound < -(2 ** 63)) return below ? 'FALSE' : pairMatches('int_keys', 'int_values', key, () => 'TRUE');
  const floor = BigInt(Math.floor(bound));
  // For a fractional bound b with floor f: v < b ⇔ v <= b ⇔ v <= f, and v > b ⇔ v >= b ⇔ v > f.
  const sqlOp = Number.isInteger(bound) ? op : below ? '<=' : '>';
  return pairMatches('int_keys', 'int_values', key, (v) => `${v} ${sqlOp} ${hugeintLiteral(floor)}`);
}

/** Double comparison; NaN never compares (DuckDB orders NaN above everything, JS does not). */
function doubleComparison(key: string, op: '<' | '<=' | '>' | '>=', bound: number): string {
  if (Number.isNaN(bound)) return 'FALSE';
  return pairMatches('dbl_keys', 'dbl_values', key, (v) => `NOT isnan(${v}) AND ${v} ${op} ${doubleLiteral(bound)}`);
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
