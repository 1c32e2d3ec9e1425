import { LOCAL_COMPONENT, type ZipkinV1Span } from './zipkin-v1-span.js';
import type { ZipkinV2Kind, ZipkinV2Span } from './zipkin-v2-span.js';

/**
 * One Zipkin v2 span as the v1 span Zipkin writes for it (zipkin2.v1.V2SpanConverter in
 * openzipkin/zipkin), the inverse of zipkin-v1-to-v2.ts for what v1 can say:
 *
 * - the kind and the span's timestamp/duration become core annotations logged by the local
 *   endpoint: cs/cr (CLIENT), sr/ss (SERVER), ms/ws (PRODUCER), wr/mr or mr (CONSUMER);
 * - a shared span carries no timestamp/duration of its own (v1's sign of a joined span);
 * - tags become string binary annotations; the remote endpoint an address annotation
 *   (`sa`, `ca` or `ma` by kind, `sa` for a kind-less span);
 * - a span with nothing else to carry its local endpoint gets an empty `lc` annotation.
 */
export function convertZipkinV2Span(z: ZipkinV2Span): ZipkinV1Span {
  const md = coreAnnotationsOf(z);
  const v1: ZipkinV1Span = { traceId: z.traceId, id: z.id, annotations: [], binaryAnnotations: [] };
  if (z.parentId !== undefined) v1.parentId = z.parentId;
  if (z.name) v1.name = z.name;
  if (z.debug) v1.debug = true;
  // Don't report timestamp and duration on shared spans (Zipkin's rule).
  if (!z.shared) {
    if (z.timestamp) v1.timestamp = z.timestamp;
    if (z.duration) v1.duration = z.duration;
  }

  const endpoint = z.localEndpoint;
  const withEndpoint = <T extends object>(o: T) => (endpoint ? { ...o, endpoint } : o);
  const begin = md.startTs !== 0 && md.begin !== undefined ? md.begin : undefined;
  const end = md.endTs !== 0 && md.end !== undefined ? md.end : undefined;
  const annotations = z.annotations ?? [];
  let annotationCount = annotations.length;
  if (begin) {
    annotationCount++;
    v1.annotations.push(withEndpoint({ timestamp: md.startTs, value: begin }));
  }
  for (const a of annotations) {
    if (a.value === begin || a.value === end) continue;
    v1.annotations.push(withEndpoint({ timestamp: a.timestamp, value: a.value }));
  }
  if (end) {
    annotationCount++;
    v1.annotations.push(withEndpoint({ timestamp: md.endTs, value: end }));
  }

  const tags = Object.entries(z.tags ?? {});
  for (const [key, value] of tags) v1.binaryAnnotations.push(withEndpoint({ key, value }));
  // An empty "lc" keeps the local endpoint of an in-process span that nothing else carries.
  if (annotationCount === 0 && endpoint && tags.length === 0) v1.binaryAnnotations.push({ key: LOCAL_COMPONENT, value: '', endpoint });
  if (md.addr && z.remoteEndpoint) v1.binaryAnnotations.push({ key: md.addr, endpoint: z.remoteEndpoint });
  return v1;
}

interface CoreAnnotations {
  startTs: number;
  endTs: number;
  begin?: string;
  end?: string;
  addr?: 'sa' | 'ca' | 'ma';
}

/** V2SpanConverter.V1SpanMetadata: which core annotations and address key the span needs, and when. */
function coreAnnotationsOf(z: ZipkinV2Span): CoreAnnotations {
  let startTs = z.timestamp ?? 0;
  let endTs = startTs !== 0 && z.duration ? startTs + z.duration : 0;
  let kind: ZipkinV2Kind | undefined = z.kind;
  let msTs = 0;
  let wsTs = 0;
  let wrTs = 0;
  let mrTs = 0;
  // Annotations may already hold better timestamps, or imply the kind.
  for (const a of z.annotations ?? []) {
    switch (a.value) {
      case 'cs':
        kind = 'CLIENT';
        if (a.timestamp < startTs) startTs = a.timestamp;
        break;
      case 'sr':
        kind = 'SERVER';
        if (a.timestamp < startTs) startTs = a.timestamp;
        break;
      case 'ss':
        kind = 'SERVER';
        if (a.timestamp > endTs) endTs = a.timestamp;
        break;
      case 'cr':
        kind = 'CLIENT';
        if (a.timestamp > endTs) endTs = a.timestamp;
        break;
      case 'ms':
        kind = 'PRODUCER';
        msTs = a.timestamp;
        break;
      case 'mr':
        kind = 'CONSUMER';
        mrTs = a.timestamp;
        break;
      case 'ws':
        wsTs = a.timestamp;
        break;
      case 'wr':
        wrTs = a.timestamp;
        break;
    }
  }

  const md: CoreAnnotations = { startTs, endTs };
  if (z.remoteEndpoint) md.addr = 'sa'; // the default
  switch (kind) {
    case undefined:
      return md;
    case 'CLIENT':
      Object.assign(md, { addr: 'sa', begin: 'cs', end: 'cr' });
      break;
    case 'SERVER':
      Object.assign(md, { addr: 'ca', begin: 'sr', end: 'ss' });
      break;
    case 'PRODUCER':
      Object.assign(md, { addr: 'ma', begin: 'ms', end: 'ws' });
      if (startTs === 0 || (msTs !== 0 && msTs < startTs)) startTs = msTs;
      if (endTs === 0 || (wsTs !== 0 && wsTs > endTs)) endTs = wsTs;
      break;
    case 'CONSUMER':
      md.addr = 'ma';
      if (startTs === 0 || (wrTs !== 0 && wrTs < startTs)) startTs = wrTs;
      if (endTs === 0 || (mrTs !== 0 && mrTs > endTs)) endTs = mrTs;
      if (endTs !== 0 || wrTs !== 0) Object.assign(md, { begin: 'wr', end: 'mr' });
      else md.begin = 'mr';
      break;
  }
  md.startTs = startTs;
  md.endTs = endTs;
  // Without a remote endpoint there is no address to write.
  if (!z.remoteEndpoint) delete md.addr;
  return md;
}
