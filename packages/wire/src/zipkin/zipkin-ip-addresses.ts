import { isIPv4, isIPv6 } from 'node:net';

/**
 * IP addresses between the binary forms of Zipkin's Thrift and proto3 endpoints (4 and 16
 * bytes, network order) and the text of its JSON ones. IPv6 text is the canonical RFC 5952 form
 * (lowercase, no leading zeros, the longest run of zero groups as "::"), as Zipkin writes it;
 * an IPv4-mapped IPv6 address is an IPv4 address, as Zipkin's Endpoint.parseIp reads it.
 */
export function ipv4FromBytes(b: Uint8Array): string | undefined {
  return b.length === 4 ? `${b[0]}.${b[1]}.${b[2]}.${b[3]}` : undefined;
}

/** Thrift's `i32 ipv4` (signed, big-endian packed); 0 means none. */
export function ipv4FromInt(n: number): string | undefined {
  if (n === 0) return undefined;
  return `${(n >>> 24) & 0xff}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

export function ipv4ToInt(ip: string): number | undefined {
  const b = ipv4ToBytes(ip);
  return b ? ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) : undefined;
}

export function ipv4ToBytes(ip: string): Uint8Array | undefined {
  if (!isIPv4(ip)) return undefined;
  return Uint8Array.from(ip.split('.').map(Number));
}

/** 16 bytes → `{ ipv6 }`, or `{ ipv4 }` for an IPv4-mapped address; anything else → {}. */
export function ipFromIpv6Bytes(b: Uint8Array): { ipv4?: string; ipv6?: string } {
  if (b.length !== 16) return {};
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return { ipv4: ipv4FromBytes(b.subarray(12))! };
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  // The longest run of two or more zero groups (the first of equals) becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return { ipv6: hex(groups) };
  return { ipv6: `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}` };
}

/** IPv6 text (any valid form, a zone id ignored) → 16 bytes; undefined if it is not IPv6. */
export function ipv6ToBytes(ip: string): Uint8Array | undefined {
  const text = ip.split('%')[0]!;
  if (!isIPv6(text)) return undefined;
  const groupsOf = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const v4 = ipv4ToBytes(g)!;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}
