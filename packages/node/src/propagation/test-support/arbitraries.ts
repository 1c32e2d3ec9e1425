import fc from 'fast-check';
import type { BaggageEntry } from '@opentelemetry/api';

/** Lowercase hex of `bytes` random bytes, never all zero (an invalid id everywhere). */
export function hexId(bytes: number): fc.Arbitrary<string> {
  return fc
    .uint8Array({ minLength: bytes, maxLength: bytes })
    .filter((b) => b.some((x) => x !== 0))
    .map((b) => Buffer.from(b).toString('hex'));
}

export const traceIdArb = hexId(16);
export const spanIdArb = hexId(8);
/** A 64-bit trace id as 128 bits: what B3 and Jaeger produce from 16-hex-digit ids. */
export const paddedTraceId64Arb = hexId(8).map((id) => '0000000000000000' + id);

/** A valid simple tracestate key. */
export const traceStateKeyArb = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.stringMatching(/^[a-z0-9_\-*/]{0,12}$/))
  .map(([first, rest]) => first + rest);
/** A valid tracestate value: printable ASCII without ',' and '=', not ending in a space. */
export const traceStateValueArb = fc
  .stringMatching(/^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,15}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/);

/**
 * Well-formed Unicode text (no lone surrogates, which no encoder can carry), weighted towards
 * ASCII punctuation where the encodings differ. Built from code points: fast-check's 'binary'
 * unit builds a large lookup on first shrink, which made these tests slow.
 */
const codePointArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff) },
);
export const textArb = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(codePointArb, { maxLength }).map((codePoints) => String.fromCodePoint(...codePoints));

/** Metadata as OpenTelemetry users write it: `prop=value;flag` style, printable, no ',' or edge spaces. */
export const metadataArb = fc
  .array(fc.constantFrom('flag', 'ttl=30', 'p=x', 'propagate=false', 'k2=v-2'), { minLength: 1, maxLength: 3 })
  .map((props) => props.join(';'));

/** Baggage entries in insertion order with distinct keys. */
export function baggageEntriesArb(
  keyArb: fc.Arbitrary<string>,
  valueArb: fc.Arbitrary<string>,
  withMetadata: boolean,
): fc.Arbitrary<[string, { value: string; metadata?: string }][]> {
  const entry: fc.Arbitrary<{ value: string; metadata?: string }> = withMetadata
    ? fc.tuple(valueArb, fc.boolean(), metadataArb).map(([value, has, metadata]) => (has ? { value, metadata } : { value }))
    : valueArb.map((value) => ({ value }));
  return fc.uniqueArray(fc.tuple(keyArb, entry), { minLength: 1, maxLength: 8, selector: ([key]) => key });
}

/** Turns generated entries into API entries (metadata made with the API's factory). */
export function toBaggageRecord(
  entries: readonly [string, { value: string; metadata?: string }][],
  metadataFromString: (s: string) => BaggageEntry['metadata'],
): Record<string, BaggageEntry> {
  const record = Object.create(null) as Record<string, BaggageEntry>;
  for (const [key, { value, metadata }] of entries) {
    record[key] = metadata === undefined ? { value } : { value, metadata: metadataFromString(metadata) };
  }
  return record;
}

/** RFC 7230 token: usable as a Jaeger `uberctx-` header name suffix. Lowercase, as Node delivers them. */
export const headerTokenArb = fc.stringMatching(/^[a-z0-9!#$&'*+\-.^_`|~]{1,12}$/);
