import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baggageEntryMetadataFromString, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Baggage, BaggageEntry, Context } from '@opentelemetry/api';
import { suppressTracing } from '../export/suppress-tracing.js';
import {
  MAX_BAGGAGE_CHARS,
  MAX_BAGGAGE_MEMBERS,
  parseBaggageHeader,
  serializeBaggage,
  W3CBaggagePropagator,
} from './w3c-baggage.js';
import { extract, inject } from './test-support/carriers.js';

const propagator = new W3CBaggagePropagator();

/** The extracted baggage as plain data: key → value, or [value, metadata]. */
function entriesOf(context: Context): Record<string, string | [string, string]> | undefined {
  const baggage = propagation.getBaggage(context);
  if (baggage === undefined) return undefined;
  const out: Record<string, string | [string, string]> = {};
  for (const [key, entry] of baggage.getAllEntries()) {
    out[key] = entry.metadata === undefined ? entry.value : [entry.value, entry.metadata.toString()];
  }
  return out;
}

function extracted(header: string | string[]) {
  return entriesOf(extract(propagator, { baggage: header }));
}

function baggageContext(entries: Record<string, BaggageEntry>): Context {
  return propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage(entries));
}

const EXTRACT_CASES: readonly { name: string; header: string | string[]; expect: Record<string, string | [string, string]> | undefined }[] = [
  { name: 'two members', header: 'key1=value1,key2=value2', expect: { key1: 'value1', key2: 'value2' } },
  { name: 'OWS around members, keys and values', header: ' key1 = value1 ,\tkey2=value2\t', expect: { key1: 'value1', key2: 'value2' } },
  { name: 'percent-encoded UTF-8 value', header: 'check=%E2%9C%93%20ok%2C%3B%25', expect: { check: '\u2713 ok,;%' } },
  { name: 'lowercase escapes', header: 'k=%e2%9c%93', expect: { k: '\u2713' } },
  { name: 'malformed escape %zz stays as written', header: 'k=%zz', expect: { k: '%zz' } },
  { name: 'trailing % stays as written', header: 'k=100%', expect: { k: '100%' } },
  { name: 'truncated escape %4 stays as written', header: 'k=%4', expect: { k: '%4' } },
  { name: 'invalid UTF-8 becomes U+FFFD', header: 'k=%E2%82,j=%FFx', expect: { k: '\uFFFD', j: '\uFFFDx' } },
  { name: 'percent-encoded key', header: 'my%20key=v', expect: { 'my key': 'v' } },
  { name: "'(' and ')' in keys, as OpenTelemetry JS writes them", header: 'f(x)=1', expect: { 'f(x)': '1' } },
  { name: 'properties kept as metadata', header: 'k=v;prop1=1;prop2', expect: { k: ['v', 'prop1=1;prop2'] } },
  { name: 'properties with OWS', header: 'k = v ; p = 1 ', expect: { k: ['v', 'p = 1'] } },
  { name: 'empty properties are no metadata', header: 'k=v;', expect: { k: 'v' } },
  { name: 'empty value', header: 'k=', expect: { k: '' } },
  { name: 'value with = inside', header: 'k=a=b', expect: { k: 'a=b' } },
  { name: 'later duplicate wins', header: 'k=1,k=2', expect: { k: '2' } },
  { name: 'malformed members skipped', header: 'novalue,=v,k=v,bad key=v,k2=va lue,k3="q",k4=back\\slash,;p=1,k5=ok', expect: { k: 'v', k5: 'ok' } },
  { name: 'non-ASCII raw characters are malformed', header: 'k=caf\u00e9,ok=1', expect: { ok: '1' } },
  { name: 'several headers are one list', header: ['a=1,b=2', 'c=3'], expect: { a: '1', b: '2', c: '3' } },
  { name: 'empty members ignored', header: 'a=1,,b=2,', expect: { a: '1', b: '2' } },
  { name: 'nothing valid', header: 'garbage', expect: undefined },
  { name: 'empty header', header: '', expect: undefined },
];

for (const { name, header, expect } of EXTRACT_CASES) {
  test(`extract: ${name}`, () => {
    assert.deepEqual(extracted(header), expect);
  });
}

test('extract: "__proto__" is an ordinary key', () => {
  const entries = parseBaggageHeader('__proto__=x,constructor=y')!;
  assert.deepEqual([...entries.keys()], ['__proto__', 'constructor']);
  const baggage = propagation.getBaggage(extract(propagator, { baggage: '__proto__=x,constructor=y' }))!;
  assert.equal(baggage.getEntry('__proto__')?.value, 'x');
  assert.equal(baggage.getEntry('constructor')?.value, 'y');
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
});

test('extract: at most 180 members, the first ones', () => {
  const header = Array.from({ length: 200 }, (_, i) => `k${i}=${i}`).join(',');
  const entries = extracted(header)!;
  assert.equal(Object.keys(entries).length, MAX_BAGGAGE_MEMBERS);
  assert.equal(entries['k0'], '0');
  assert.equal(entries['k179'], '179');
  assert.equal(entries['k180'], undefined);
});

test('extract: at most 8192 characters; a member cut by the limit is dropped', () => {
  const member = (i: number) => `k${String(i).padStart(3, '0')}=${'v'.repeat(95)}`; // 100 chars
  const header = Array.from({ length: 90 }, (_, i) => member(i)).join(','); // 9089 chars
  const entries = extracted(header)!;
  // 81 members take 81*100 + 80 = 8180 chars; the 82nd would end at 8281.
  assert.equal(Object.keys(entries).length, 81);
  assert.equal(entries['k080'], 'v'.repeat(95));
  assert.equal(entries['k081'], undefined);
});

test('extract: the limit spans several headers', () => {
  const big = 'a=' + 'x'.repeat(4000);
  const entries = extracted([big, 'b=' + 'y'.repeat(4000), 'c=' + 'z'.repeat(4000), 'd=1'])!;
  assert.deepEqual(Object.keys(entries), ['a', 'b']);
});

test('extract: a member over 4096 characters is skipped, later ones kept', () => {
  assert.deepEqual(extracted(`big=${'x'.repeat(5000)},ok=1`), { ok: '1' });
  assert.deepEqual(extracted(`big=${'x'.repeat(8200)},ok=1`), undefined, 'ok=1 is past the 8192-character limit');
});

test('extract: a megabyte header costs at most the limit', () => {
  assert.deepEqual(extracted('k=' + 'v'.repeat(1_000_000)), undefined);
  assert.deepEqual(extracted('a=1,' + ','.repeat(1_000_000)), { a: '1' });
});

test('extract replaces the context baggage; nothing valid leaves the context unchanged', () => {
  const before = baggageContext({ old: { value: '1' } });
  assert.deepEqual(entriesOf(extract(propagator, { baggage: 'new=2' }, before)), { new: '2' });
  assert.equal(extract(propagator, { baggage: 'garbage' }, before), before);
  assert.equal(extract(propagator, {}, before), before);
});

test('inject writes members with percent-encoding where W3C requires it', () => {
  const headers = inject(
    propagator,
    baggageContext({
      plain: { value: 'a-b_c.d~!*' },
      spaced: { value: 'hello world, "you"; 100%\\' },
      unicode: { value: '\u2713 caf\u00e9 \u{1F600}' },
      'key with space': { value: 'v' },
      empty: { value: '' },
    }),
  );
  assert.equal(
    headers['baggage'],
    'plain=a-b_c.d~!*,spaced=hello%20world%2C%20%22you%22%3B%20100%25%5C,unicode=%E2%9C%93%20caf%C3%A9%20%F0%9F%98%80,key%20with%20space=v,empty=',
  );
});

test('inject writes metadata, but not metadata that would break the header', () => {
  const headers = inject(
    propagator,
    baggageContext({
      a: { value: '1', metadata: baggageEntryMetadataFromString('prop1=x;prop2') },
      b: { value: '2', metadata: baggageEntryMetadataFromString('bad,metadata') },
      c: { value: '3', metadata: baggageEntryMetadataFromString('  ') },
    }),
  );
  assert.equal(headers['baggage'], 'a=1;prop1=x;prop2,b=2,c=3');
});

test('inject keeps within the limits', () => {
  const many: Record<string, BaggageEntry> = {};
  for (let i = 0; i < 200; i++) many[`k${i}`] = { value: String(i) };
  const header = inject(propagator, baggageContext(many))['baggage'] as string;
  assert.equal(header.split(',').length, MAX_BAGGAGE_MEMBERS);

  const header2 = inject(
    propagator,
    baggageContext({
      huge: { value: 'x'.repeat(5000) },
      a: { value: 'y'.repeat(4000) },
      b: { value: 'z'.repeat(4000) },
      c: { value: 'w'.repeat(300) },
      d: { value: '1' },
    }),
  )['baggage'] as string;
  assert.ok(header2.length <= MAX_BAGGAGE_CHARS);
  assert.deepEqual(header2.split(',').map((m) => m.slice(0, m.indexOf('='))), ['a', 'b', 'd'], 'too-long and overflowing members are skipped, smaller later ones kept');
});

test('inject writes nothing without baggage, with empty baggage, or with tracing suppressed', () => {
  assert.deepEqual(inject(propagator, ROOT_CONTEXT), {});
  assert.deepEqual(inject(propagator, baggageContext({})), {});
  assert.deepEqual(inject(propagator, suppressTracing(baggageContext({ a: { value: '1' } }))), {});
});

test('inject never throws on odd baggage', () => {
  const odd = {
    getAllEntries: () => [['', { value: 'x' }], ['k', { value: 42 }], ['lone', { value: '\uD800' }], ['ok', { value: 'v' }]],
  } as unknown as Baggage;
  const context = propagation.setBaggage(ROOT_CONTEXT, odd);
  assert.equal(inject(propagator, context)['baggage'], 'lone=%EF%BF%BD,ok=v');
  const throwing = { getAllEntries: () => { throw new Error('boom'); } } as unknown as Baggage;
  assert.deepEqual(inject(propagator, propagation.setBaggage(ROOT_CONTEXT, throwing)), {});
});

test('serializeBaggage and parseBaggageHeader are inverse for ordinary entries', () => {
  const entries: [string, BaggageEntry][] = [['user.id', { value: '42' }], ['tenant', { value: 'acme corp' }]];
  const parsed = parseBaggageHeader(serializeBaggage(entries))!;
  assert.deepEqual(Object.fromEntries(parsed), { 'user.id': { value: '42' }, tenant: { value: 'acme corp' } });
});

test('fields', () => {
  assert.deepEqual(propagator.fields(), ['baggage']);
});
