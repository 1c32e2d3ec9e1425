/**
 * Positional parameters for one statement. Every value a client supplies (names, attribute keys
 * and values, patterns) goes through here as a bound VARCHAR, never into the SQL text; numbers
 * the store computed itself are written as literals.
 */
export class SqlParams {
  readonly values: string[] = [];
  private readonly indexOf = new Map<string, number>();

  /** The placeholder for `value` (one placeholder per distinct value). */
  text(value: string): string {
    let i = this.indexOf.get(value);
    if (i === undefined) {
      this.values.push(value);
      i = this.values.length;
      this.indexOf.set(value, i);
    }
    return `$${i}`;
  }
}

export const bigintLiteral = (n: bigint): string => `${n.toString()}::BIGINT`;
export const hugeintLiteral = (n: bigint): string => `${n.toString()}::HUGEINT`;
export const uhugeintLiteral = (n: bigint): string => `${n.toString()}::UHUGEINT`;
/** DOUBLE literal from JS's round-trip text (exact), including NaN/±Infinity and -0. */
export const doubleLiteral = (n: number): string => `'${Object.is(n, -0) ? '-0' : String(n)}'::DOUBLE`;
export const idList = (ids: readonly number[]): string => (ids.length === 0 ? 'NULL' : ids.join(', '));
