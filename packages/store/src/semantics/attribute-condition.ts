import { SkeinError, type AnyValue, type Attribute, type Span } from '@skein/model';
import type { AttributeCondition } from '../trace-store.js';

/**
 * The reference semantics of one `AttributeCondition` against a span, which every store must
 * reproduce (the contract suite checks them):
 *
 * - The candidate values of a key are the span's attributes with that key plus the resource's.
 *   A positive condition holds when ANY candidate satisfies it.
 * - `=` compares text: a string attribute equal to the value, or an int/double/bool attribute
 *   whose canonical text (`anyValueToString`) equals it, so `http.status_code=200` finds an int.
 *   Bytes, arrays and key/value lists never match `=`.
 * - `!=` holds when the key is present and no candidate is `=` to the value.
 * - `<`, `<=`, `>`, `>=` compare int and double attributes numerically (ints exactly, even
 *   beyond 2^53); strings never match.
 * - `exists` / `not-exists`: some candidate / no candidate.
 * - `regex`: a string attribute the RE2-compatible pattern matches WHOLE (anchored, as TraceQL
 *   and PromQL do).
 * - `event`: the span has an event (Zipkin annotation) with exactly that name.
 */
export function attributeConditionHolds(span: Span, condition: AttributeCondition, compiled?: RegExp): boolean {
  if (condition.op === 'event') return span.events.some((e) => e.name === condition.value);
  return conditionHoldsOnValues(candidateValues(span, condition.key), condition, compiled);
}

/** A key condition against the candidate values of its key (see above for the rules). */
export function conditionHoldsOnValues(candidates: readonly AnyValue[], condition: Exclude<AttributeCondition, { op: 'event' }>, compiled?: RegExp): boolean {
  switch (condition.op) {
    case 'exists':
      return candidates.length > 0;
    case 'not-exists':
      return candidates.length === 0;
    case '=':
      return candidates.some((v) => textEquals(v, condition.value));
    case '!=':
      return candidates.length > 0 && !candidates.some((v) => textEquals(v, condition.value));
    case 'regex': {
      const re = compiled ?? compileAnchoredRegex(condition.value);
      return candidates.some((v) => v.type === 'string' && re.test(v.value));
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = condition.op;
      return candidates.some((v) => {
        const sign = compareNumeric(v, condition.value);
        if (sign === undefined) return false;
        return op === '<' ? sign < 0 : op === '<=' ? sign <= 0 : op === '>' ? sign > 0 : sign >= 0;
      });
    }
  }
}

/** Values of `key` in `attrs` (all of them: duplicates count). */
export function valuesOfKey(attrs: readonly Attribute[], key: string): AnyValue[] {
  const out: AnyValue[] = [];
  for (const a of attrs) if (a.key === key) out.push(a.value);
  return out;
}

function candidateValues(span: Span, key: string): AnyValue[] {
  return [...valuesOfKey(span.attributes, key), ...valuesOfKey(span.resource.attributes, key)];
}

export function textEquals(v: AnyValue, text: string): boolean {
  switch (v.type) {
    case 'string':
      return v.value === text;
    case 'int':
      return v.value.toString() === text;
    case 'double':
      return doubleText(v.value) === text;
    case 'bool':
      return (v.value ? 'true' : 'false') === text;
    default:
      return false;
  }
}

/** Same text as `anyValueToString` for doubles. */
function doubleText(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : String(n);
}

/** Sign of (attribute − bound), or undefined when not comparable (non-numeric type, NaN). */
function compareNumeric(v: AnyValue, bound: number): number | undefined {
  if (Number.isNaN(bound)) return undefined;
  if (v.type === 'double') {
    if (Number.isNaN(v.value)) return undefined;
    return v.value < bound ? -1 : v.value > bound ? 1 : 0;
  }
  if (v.type !== 'int') return undefined;
  if (bound === Infinity) return -1;
  if (bound === -Infinity) return 1;
  // Exact even beyond 2^53: compare the bigint with the bound's floor. A fractional bound lies
  // strictly between floor and floor + 1, so it is never equal to an int.
  const floor = BigInt(Math.floor(bound));
  if (Number.isInteger(bound)) return v.value < floor ? -1 : v.value > floor ? 1 : 0;
  return v.value <= floor ? -1 : 1;
}

/** Compiles a regex condition's pattern anchored at both ends; a bad pattern is a client error. */
export function compileAnchoredRegex(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (err) {
    throw new SkeinError('SKEIN_ERR_BAD_QUERY_PARAM', `invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}
