import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAllSafe, percentDecode, percentEncode, safeCharTable } from './percent-encoding.js';

const URI_COMPONENT = safeCharTable("-_.!~*'()");

test('percentEncode matches encodeURIComponent for the URI-component set', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
      assert.equal(percentEncode(s, URI_COMPONENT), encodeURIComponent(s));
    }),
  );
});

test('percentEncode returns the same string when nothing needs escaping, and always escapes %', () => {
  const plain = 'abcXYZ019-_.';
  assert.equal(percentEncode(plain, URI_COMPONENT), plain);
  assert.equal(percentEncode('100%', safeCharTable('%')), '100%25');
});

test('percentEncode turns a lone surrogate into U+FFFD instead of throwing', () => {
  assert.equal(percentEncode('a\uD800b', URI_COMPONENT), 'a%EF%BF%BDb');
  assert.throws(() => encodeURIComponent('\uD800'));
});

test('percentDecode decodes UTF-8 escapes of either case', () => {
  assert.equal(percentDecode('%E2%9C%93%20ok', false), '\u2713 ok');
  assert.equal(percentDecode('%e2%9c%93', true), '\u2713');
  assert.equal(percentDecode('%F0%9F%98%80', true), '\u{1F600}');
  assert.equal(percentDecode('no escapes', true), 'no escapes');
});

test('lenient percentDecode keeps malformed escapes and replaces invalid UTF-8', () => {
  assert.equal(percentDecode('%zz', false), '%zz');
  assert.equal(percentDecode('100%', false), '100%');
  assert.equal(percentDecode('%4', false), '%4');
  assert.equal(percentDecode('%%41', false), '%A');
  assert.equal(percentDecode('%E2%82', false), '\uFFFD');
  assert.equal(percentDecode('%C3%A9t%C3', false), '\u00e9t\uFFFD');
});

test('strict percentDecode reports malformed escapes and invalid UTF-8 as undefined', () => {
  for (const s of ['%zz', '100%', '%4', '%E2%82', '%FF', 'ok%2']) assert.equal(percentDecode(s, true), undefined, s);
});

test('percentDecode keeps raw non-ASCII characters, surrogate pairs whole', () => {
  assert.equal(percentDecode('caf\u00e9%20\u{1F600}', true), 'caf\u00e9 \u{1F600}');
  assert.equal(percentDecode('\u{1F600}%41', false), '\u{1F600}A');
});

test('decode inverts encode for any well-formed text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
      assert.equal(percentDecode(percentEncode(s, URI_COMPONENT), true), s);
      assert.equal(decodeURIComponent(percentEncode(s, URI_COMPONENT)), s);
    }),
  );
});

test('isAllSafe checks a range', () => {
  assert.equal(isAllSafe('ab cd', 0, 2, URI_COMPONENT), true);
  assert.equal(isAllSafe('ab cd', 0, 3, URI_COMPONENT), false);
  assert.equal(isAllSafe('\u00e9', 0, 1, URI_COMPONENT), false);
  assert.equal(isAllSafe('', 0, 0, URI_COMPONENT), true);
});
