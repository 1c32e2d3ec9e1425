import type { TraceState } from '@opentelemetry/api';
import { skipOwsBackward, skipOwsForward } from './carrier.js';

/*
 * W3C `tracestate`: an ordered list of vendor key=value members, most recent on the left.
 * Keys follow Trace Context Level 1's grammar, which the W3C test suite enforces:
 *   simple-key       = lcalpha 0*255( lcalpha / DIGIT / "_" / "-" / "*" / "/" )
 *   multi-tenant-key = tenant-id "@" system-id
 *   tenant-id        = ( lcalpha / DIGIT ) 0*240( same chars )
 *   system-id        = lcalpha 0*13( same chars )
 * and values are 1-256 printable ASCII characters except ',' and '=', not ending in a space.
 */

/** At most 32 list-members (W3C). */
export const MAX_TRACE_STATE_MEMBERS = 32;
/** What we propagate at most; W3C: vendors SHOULD propagate at least 512 characters. */
export const MAX_PROPAGATED_TRACE_STATE_CHARS = 512;
/** W3C truncation: entries longer than this are removed first. */
const LARGE_MEMBER_CHARS = 128;
/**
 * Longest raw header we parse: 32 members of 256-char keys and values plus commas, and room
 * for optional whitespace and empty members. Longer headers are not worth the work: dropped.
 */
const MAX_RAW_TRACE_STATE_CHARS = 32 * 1024;

/** Characters allowed after the first one of a key part: lcalpha, DIGIT, '_', '-', '*', '/'. */
const KEY_CHAR = new Uint8Array(128);
for (let c = 97; c <= 122; c++) KEY_CHAR[c] = 1;
for (let c = 48; c <= 57; c++) KEY_CHAR[c] = 1;
for (const c of '_-*/') KEY_CHAR[c.charCodeAt(0)] = 1;

function isLcAlpha(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isKeyChars(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || KEY_CHAR[c] === 0) return false;
  }
  return true;
}

/** True when `s[start, end)` is a valid tracestate key. */
function isValidKeyRange(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 1 || length > 256) return false;
  const at = s.indexOf('@', start);
  if (at === -1 || at >= end) {
    return isLcAlpha(s.charCodeAt(start)) && isKeyChars(s, start + 1, end);
  }
  const tenantLength = at - start;
  const systemLength = end - at - 1;
  if (tenantLength < 1 || tenantLength > 241 || systemLength < 1 || systemLength > 14) return false;
  const first = s.charCodeAt(start);
  if (!isLcAlpha(first) && !(first >= 48 && first <= 57)) return false;
  return isKeyChars(s, start + 1, at) && isLcAlpha(s.charCodeAt(at + 1)) && isKeyChars(s, at + 2, end);
}

/** True when `s[start, end)` is a valid tracestate value. */
function isValidValueRange(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 1 || length > 256) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x2c || c === 0x3d) return false;
  }
  return s.charCodeAt(end - 1) !== 0x20;
}

/** True when `key` is a valid tracestate key (Level 1 grammar). */
export function isValidTraceStateKey(key: unknown): key is string {
  return typeof key === 'string' && isValidKeyRange(key, 0, key.length);
}

/** True when `value` is a valid tracestate value. */
export function isValidTraceStateValue(value: unknown): value is string {
  return typeof value === 'string' && isValidValueRange(value, 0, value.length);
}

/**
 * An immutable tracestate. `set` moves the key to the front (W3C: modified keys move left) and
 * drops the rightmost member beyond 32; invalid keys or values are ignored (API methods must
 * not throw). `serialize` applies the W3C truncation rules to fit 512 characters.
 */
export class W3CTraceState implements TraceState {
  private serialized: string | undefined;

  private constructor(
    private readonly keys: readonly string[],
    private readonly values: readonly string[],
  ) {}

  static readonly EMPTY = new W3CTraceState([], []);

  /**
   * Parses one or more `tracestate` header values (several are combined as one list, as
   * RFC 7230 says). Returns undefined when the list is invalid (bad member, duplicate key,
   * more than 32 members, oversized) or empty: W3C says to discard such a tracestate while
   * still using the traceparent.
   */
  static parse(header: string | readonly string[]): W3CTraceState | undefined {
    let combined: string;
    if (typeof header === 'string') {
      combined = header;
    } else {
      let total = 0;
      for (const part of header) {
        if (typeof part !== 'string') return undefined;
        total += part.length + 1;
      }
      if (total > MAX_RAW_TRACE_STATE_CHARS) return undefined;
      combined = header.join(',');
    }
    if (combined.length > MAX_RAW_TRACE_STATE_CHARS) return undefined;

    const keys: string[] = [];
    const values: string[] = [];
    const length = combined.length;
    let start = 0;
    while (start <= length) {
      let end = combined.indexOf(',', start);
      if (end === -1) end = length;
      const memberStart = skipOwsForward(combined, start, end);
      const memberEnd = skipOwsBackward(combined, memberStart, end);
      if (memberEnd > memberStart) {
        const eq = combined.indexOf('=', memberStart);
        if (eq === -1 || eq >= memberEnd) return undefined;
        if (!isValidKeyRange(combined, memberStart, eq) || !isValidValueRange(combined, eq + 1, memberEnd)) return undefined;
        if (keys.length === MAX_TRACE_STATE_MEMBERS) return undefined;
        const key = combined.slice(memberStart, eq);
        if (keys.includes(key)) return undefined;
        keys.push(key);
        values.push(combined.slice(eq + 1, memberEnd));
      }
      start = end + 1;
    }
    return keys.length === 0 ? undefined : new W3CTraceState(keys, values);
  }

  /** Number of list-members. */
  get size(): number {
    return this.keys.length;
  }

  get(key: string): string | undefined {
    const index = this.keys.indexOf(key);
    return index === -1 ? undefined : this.values[index];
  }

  set(key: string, value: string): W3CTraceState {
    if (!isValidTraceStateKey(key) || !isValidTraceStateValue(value)) return this;
    const keys = [key];
    const values = [value];
    for (let i = 0; i < this.keys.length && keys.length < MAX_TRACE_STATE_MEMBERS; i++) {
      if (this.keys[i] === key) continue;
      keys.push(this.keys[i]!);
      values.push(this.values[i]!);
    }
    return new W3CTraceState(keys, values);
  }

  unset(key: string): W3CTraceState {
    const index = this.keys.indexOf(key);
    if (index === -1) return this;
    const keys = this.keys.slice();
    const values = this.values.slice();
    keys.splice(index, 1);
    values.splice(index, 1);
    return new W3CTraceState(keys, values);
  }

  /** The header value, truncated to 512 characters by whole members as W3C prescribes. */
  serialize(): string {
    if (this.serialized === undefined) this.serialized = serializeMembers(this.keys, this.values);
    return this.serialized;
  }
}

function serializeMembers(keys: readonly string[], values: readonly string[]): string {
  const count = keys.length;
  if (count === 0) return '';
  const memberLengths: number[] = new Array(count);
  let total = count - 1;
  for (let i = 0; i < count; i++) {
    memberLengths[i] = keys[i]!.length + 1 + values[i]!.length;
    total += memberLengths[i]!;
  }
  const kept: boolean[] = new Array(count).fill(true);
  let keptCount = count;
  // W3C: "Entries larger than 128 characters long SHOULD be removed first. Then entries SHOULD
  // be removed starting from the end of tracestate." Each removal also saves one comma.
  for (let i = count - 1; i >= 0 && total > MAX_PROPAGATED_TRACE_STATE_CHARS; i--) {
    if (memberLengths[i]! > LARGE_MEMBER_CHARS) {
      kept[i] = false;
      keptCount--;
      total -= memberLengths[i]! + (keptCount > 0 ? 1 : 0);
    }
  }
  for (let i = count - 1; i >= 0 && total > MAX_PROPAGATED_TRACE_STATE_CHARS; i--) {
    if (kept[i]) {
      kept[i] = false;
      keptCount--;
      total -= memberLengths[i]! + (keptCount > 0 ? 1 : 0);
    }
  }
  let out = '';
  for (let i = 0; i < count; i++) {
    if (!kept[i]) continue;
    out += out.length === 0 ? keys[i] + '=' + values[i] : ',' + keys[i] + '=' + values[i];
  }
  return out;
}

