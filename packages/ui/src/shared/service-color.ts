/**
 * A service's colour: a hash of its name into a fixed palette, so the same service has the
 * same colour on every page, in every session and for every user (no per-page assignment
 * order). The palette is mid-lightness so chips read on both the light and the dark theme.
 */
export const SERVICE_PALETTE: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#5f9ed1', '#c85200', '#7b848f', '#a3acb9', '#57606c', '#c8d0d9', '#1170aa',
  '#fc7d0b', '#8cd17d', '#b6992d', '#499894', '#d37295', '#86bcb6', '#e49444', '#79706e',
];

/** FNV-1a (32-bit) over the UTF-16 code units: cheap, well spread, identical everywhere. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function serviceColor(name: string): string {
  return SERVICE_PALETTE[hashString(name) % SERVICE_PALETTE.length]!;
}
