import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ipFromIpv6Bytes, ipv4FromInt, ipv4ToBytes, ipv4ToInt, ipv6ToBytes } from './zipkin-ip-addresses.js';

/** The WHATWG URL parser's IPv6 serializer: an independent RFC 5952 formatter to compare with. */
const canonicalByUrl = (ip: string): string => new URL(`http://[${ip}]/`).hostname.slice(1, -1);

test('IPv6: bytes → canonical text (as the URL standard writes it) → the same bytes', () => {
  const notMapped = fc.uint8Array({ minLength: 16, maxLength: 16 }).filter((b) => !(b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff));
  // Mostly-zero addresses exercise the "::" choice (longest run, first of equals, never one group).
  const sparse = fc.array(fc.constantFrom(0, 0, 0, 1, 0xab), { minLength: 16, maxLength: 16 }).map((a) => Uint8Array.from(a)).filter((b) => b[10] !== 0xff);
  fc.assert(
    fc.property(fc.oneof(notMapped, sparse), (bytes) => {
      const { ipv6, ipv4 } = ipFromIpv6Bytes(bytes);
      assert.equal(ipv4, undefined);
      assert.equal(ipv6, canonicalByUrl(ipv6!));
      assert.deepEqual(ipv6ToBytes(ipv6!), bytes);
    }),
    { numRuns: 300 },
  );
  assert.deepEqual(ipFromIpv6Bytes(new Uint8Array(16)), { ipv6: '::' });
  assert.deepEqual(ipFromIpv6Bytes(Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])), { ipv6: '1:0:1::1' });
});

test('IPv6 text in any valid form parses; IPv4-mapped bytes are the IPv4 address (Zipkin)', () => {
  assert.deepEqual(ipv6ToBytes('2001:DB8:0:0:0:0:0:1'), ipv6ToBytes('2001:db8::1'));
  assert.deepEqual(ipv6ToBytes('::ffff:1.2.3.4'), Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]));
  assert.deepEqual(ipFromIpv6Bytes(ipv6ToBytes('::ffff:1.2.3.4')!), { ipv4: '1.2.3.4' });
  assert.deepEqual(ipv6ToBytes('fe80::1%eth0'), ipv6ToBytes('fe80::1'));
  assert.equal(ipv6ToBytes('10.0.0.1'), undefined);
  assert.equal(ipv6ToBytes('not an ip'), undefined);
  assert.deepEqual(ipFromIpv6Bytes(new Uint8Array(15)), {});
});

test('IPv4 as Thrift packs it (a signed i32) and as bytes', () => {
  assert.equal(ipv4ToInt('127.0.0.1'), 0x7f000001);
  assert.equal(ipv4ToInt('255.255.255.255'), -1);
  assert.equal(ipv4FromInt(-1), '255.255.255.255');
  assert.equal(ipv4FromInt(0x0a010203), '10.1.2.3');
  assert.equal(ipv4FromInt(0), undefined, 'zero means none');
  assert.deepEqual(ipv4ToBytes('192.168.1.20'), Uint8Array.of(192, 168, 1, 20));
  assert.equal(ipv4ToBytes('256.1.1.1'), undefined);
  assert.equal(ipv4ToInt('::1'), undefined);
});
