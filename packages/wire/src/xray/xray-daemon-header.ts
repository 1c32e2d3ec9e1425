import { SkeinError } from '@skein/model';

/** The one header the X-Ray daemon protocol knows: it precedes every segment document. */
export const XRAY_DAEMON_HEADER = '{"format":"json","version":1}';

/** A real header is 29 bytes; anything much longer before the first newline is not one. */
const MAX_HEADER_BYTES = 256;

/**
 * Splits a daemon datagram (`{"format":"json","version":1}` + `\n` + segment document) and
 * returns the document's text. The header is read as JSON (so spacing and key order do not
 * matter, as in the daemon), and must say format "json", version 1.
 */
export function segmentDocumentText(datagram: Uint8Array): string {
  if (datagram.length === 0) throw new SkeinError('SKEIN_ERR_EMPTY_BODY', 'empty X-Ray datagram');
  const bytes = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const newline = bytes.subarray(0, MAX_HEADER_BYTES + 1).indexOf(0x0a);
  if (newline < 0) throw badHeader(`no header line; the daemon protocol sends ${XRAY_DAEMON_HEADER} and a newline before the segment document`);
  checkHeader(bytes.toString('utf8', 0, newline).trim());
  const body = bytes.toString('utf8', newline + 1);
  if (body.trim() === '') throw new SkeinError('SKEIN_ERR_EMPTY_BODY', 'no segment document after the X-Ray header line');
  return body;
}

function checkHeader(text: string): void {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw badHeader(`header line ${quote(text)} is not JSON; expected ${XRAY_DAEMON_HEADER}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw badHeader(`header line ${quote(text)} is not a JSON object; expected ${XRAY_DAEMON_HEADER}`);
  const { format, version } = header as { format?: unknown; version?: unknown };
  if (format !== 'json') throw badHeader(`header format ${quote(JSON.stringify(format) ?? 'missing')} is not supported; expected "json"`);
  if (version !== 1) throw badHeader(`header version ${quote(JSON.stringify(version) ?? 'missing')} is not supported; expected 1`);
}

const badHeader = (why: string): SkeinError => new SkeinError('SKEIN_ERR_INVALID_PAYLOAD', `X-Ray datagram: ${why}`);
const quote = (s: string): string => (s.length > 64 ? `${s.slice(0, 64)}…` : s);
