import { baggageEntryMetadataFromString, diag, propagation } from '@opentelemetry/api';
import type { BaggageEntry, Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { isTracingSuppressed } from '../export/suppress-tracing.js';
import { readHeader, skipOwsBackward, skipOwsForward } from './carrier.js';
import { MapBaggage } from './map-baggage.js';
import { isAllSafe, percentDecode, percentEncode, safeCharTable } from './percent-encoding.js';

export const BAGGAGE_HEADER = 'baggage';
/** OpenTelemetry's baggage limits: list-members per header… */
export const MAX_BAGGAGE_MEMBERS = 180;
/** …characters (bytes: the header is ASCII) of the whole header… */
export const MAX_BAGGAGE_CHARS = 8192;
/** …and characters of one list-member. */
export const MAX_BAGGAGE_MEMBER_CHARS = 4096;

/** RFC 7230 `tchar`: what a baggage key (a `token`) is made of. */
const TOKEN_CHARS = safeCharTable("!#$&'*+-.^_`|~");
/**
 * `baggage-octet` (W3C baggage): printable ASCII except space, '"', ',', ';' and '\'. '%'
 * is one too but is the escape character, so `safeCharTable` leaves it out.
 */
const VALUE_CHARS = safeCharTable("!#$&'()*+-./:<=>?@[]^_`{|}~");

/** Metadata we write back: printable ASCII and tab, no ',' (which would end the member). */
function isWritableMetadata(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c > 0x7e || c === 0x2c) return false;
  }
  return true;
}

/**
 * The `baggage` header value for `entries`, within the limits: members that are too long or
 * would overflow the header are left out (later, shorter ones may still fit). Keys and values
 * are percent-encoded where W3C requires it; keys that are not tokens are percent-encoded too,
 * as OpenTelemetry JS does, so they survive a round trip.
 */
export function serializeBaggage(entries: readonly (readonly [string, BaggageEntry])[]): string {
  let header = '';
  let count = 0;
  for (const [key, entry] of entries) {
    if (count === MAX_BAGGAGE_MEMBERS) break;
    if (typeof key !== 'string' || key.length === 0 || typeof entry?.value !== 'string') continue;
    let member = percentEncode(key, TOKEN_CHARS) + '=' + percentEncode(entry.value, VALUE_CHARS);
    const metadata = entry.metadata === undefined ? '' : String(entry.metadata.toString()).trim();
    if (metadata.length > 0 && isWritableMetadata(metadata)) member += ';' + metadata;
    if (member.length > MAX_BAGGAGE_MEMBER_CHARS) continue;
    if (header.length + (count > 0 ? 1 : 0) + member.length > MAX_BAGGAGE_CHARS) continue;
    header = count > 0 ? header + ',' + member : member;
    count++;
  }
  return header;
}

/** Where a parse is: entries found so far and how much of the limits they used. */
interface BaggageParse {
  readonly entries: Map<string, BaggageEntry>;
  count: number;
  chars: number;
}

/**
 * Adds the list-members of one header value to `parse`. Malformed members (no '=', a key that
 * is not a token, a value with characters outside `baggage-octet`) are skipped; parsing stops
 * when the member or character limit is reached, so a huge header costs at most 8 KiB of work.
 */
function parseBaggageValue(value: string, parse: BaggageParse): void {
  // Only the part that can fit in the limit is looked at; a member cut by this is dropped.
  const budget = MAX_BAGGAGE_CHARS - parse.chars;
  const truncated = value.length > budget;
  const length = truncated ? budget : value.length;
  let start = 0;
  while (start < length && parse.count < MAX_BAGGAGE_MEMBERS) {
    let end = value.indexOf(',', start);
    if (end === -1 || end > length) {
      if (truncated) {
        // The rest of the header is past the limit: nothing after it is read either.
        parse.chars = MAX_BAGGAGE_CHARS;
        return;
      }
      end = length;
    }
    parse.chars += end - start + (parse.chars > 0 ? 1 : 0);
    if (end - start <= MAX_BAGGAGE_MEMBER_CHARS) addMember(value, start, end, parse);
    start = end + 1;
  }
}

/**
 * Index of `charCode` in `s[start, end)`, or `end`. Bounded, unlike indexOf: searching past the
 * member would make a header of many members cost quadratic time.
 */
function indexWithin(s: string, charCode: number, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) === charCode) return i;
  }
  return end;
}

function addMember(s: string, start: number, end: number, parse: BaggageParse): void {
  const semicolon = indexWithin(s, 59 /* ; */, start, end);
  const eq = indexWithin(s, 61 /* = */, start, semicolon);
  if (eq === semicolon) return;
  const keyStart = skipOwsForward(s, start, eq);
  const keyEnd = skipOwsBackward(s, keyStart, eq);
  if (keyEnd === keyStart || !isAllSafe(s, keyStart, keyEnd, TOKEN_CHARS_WITH_PERCENT)) return;
  const valueStart = skipOwsForward(s, eq + 1, semicolon);
  const valueEnd = skipOwsBackward(s, valueStart, semicolon);
  if (!isAllSafe(s, valueStart, valueEnd, VALUE_CHARS_WITH_PERCENT)) return;
  const key = percentDecode(s.slice(keyStart, keyEnd), false)!;
  const value = percentDecode(s.slice(valueStart, valueEnd), false)!;
  let metadata: BaggageEntry['metadata'];
  if (semicolon < end) {
    const propertiesStart = skipOwsForward(s, semicolon + 1, end);
    const propertiesEnd = skipOwsBackward(s, propertiesStart, end);
    if (propertiesEnd > propertiesStart) metadata = baggageEntryMetadataFromString(s.slice(propertiesStart, propertiesEnd));
  }
  if (!parse.entries.has(key)) parse.count++;
  parse.entries.set(key, metadata === undefined ? { value } : { value, metadata });
}

/**
 * The same tables with '%' allowed: escapes are fine on input (decoded afterwards). Keys also
 * accept '(' and ')', which are not token characters but which OpenTelemetry JS writes raw
 * (it encodes keys with encodeURIComponent): being strict there would drop its baggage.
 */
const TOKEN_CHARS_WITH_PERCENT = withPercent(safeCharTable("!#$&'*+-.^_`|~()"));
const VALUE_CHARS_WITH_PERCENT = withPercent(VALUE_CHARS);
function withPercent(table: Uint8Array): Uint8Array {
  const copy = table.slice();
  copy[37] = 1;
  return copy;
}

/**
 * Parses `baggage` header value(s) into entries (several headers are one list). Undefined when
 * no valid member was found. Values are percent-decoded; malformed escapes stay as written and
 * invalid UTF-8 becomes U+FFFD (W3C). Properties after ';' are kept as the entry's metadata.
 */
export function parseBaggageHeader(header: string | readonly string[]): Map<string, BaggageEntry> | undefined {
  const parse: BaggageParse = { entries: new Map(), count: 0, chars: 0 };
  if (typeof header === 'string') {
    parseBaggageValue(header, parse);
  } else {
    for (const value of header) {
      if (typeof value === 'string') parseBaggageValue(value, parse);
      if (parse.count === MAX_BAGGAGE_MEMBERS || parse.chars >= MAX_BAGGAGE_CHARS) break;
    }
  }
  return parse.count === 0 ? undefined : parse.entries;
}

/**
 * W3C Baggage. Extract replaces the context's baggage with the header's (as OpenTelemetry JS
 * does); a header without any valid member leaves the context unchanged.
 */
export class W3CBaggagePropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const baggage = propagation.getBaggage(context);
      if (baggage === undefined || isTracingSuppressed(context)) return;
      const header = serializeBaggage(baggage.getAllEntries());
      if (header.length > 0) setter.set(carrier, BAGGAGE_HEADER, header);
    } catch (error) {
      diag.warn('W3CBaggagePropagator: inject failed', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      const raw = readHeader(getter, carrier, BAGGAGE_HEADER);
      if (raw === undefined) return context;
      const entries = parseBaggageHeader(raw);
      if (entries === undefined) return context;
      return propagation.setBaggage(context, new MapBaggage(entries));
    } catch (error) {
      diag.warn('W3CBaggagePropagator: extract failed', error);
      return context;
    }
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
}
