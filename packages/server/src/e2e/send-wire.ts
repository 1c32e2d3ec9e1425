import { createSocket } from 'node:dgram';
import * as grpc from '@grpc/grpc-js';
import { manifestEntry, readWireFixture, type FixtureManifestEntry } from '@skein/testkit';
import type { AllUrls } from './harness.js';

/** Which of Skein's listeners serves a fixture's standard port. */
const URL_FOR_PORT: Record<number, keyof AllUrls> = {
  4317: 'otlpGrpc',
  4318: 'otlpHttp',
  9411: 'zipkin',
  14268: 'jaegerHttp',
  14250: 'jaegerGrpc',
  6831: 'jaegerCompact',
  6832: 'jaegerBinary',
  2000: 'xray',
};

export function sendUdp(url: string, payload: Uint8Array): Promise<void> {
  const { hostname, port } = new URL(url.replace(/^udp:/, 'http:'));
  const socket = createSocket('udp4');
  return new Promise<void>((resolve, reject) => socket.send(payload, Number(port), hostname, (err) => (err ? reject(err) : resolve()))).finally(() => socket.close());
}

/** One unary gRPC call with raw bytes in and out; resolves with the status code and reply. */
export function grpcCall(url: string, path: string, payload: Uint8Array): Promise<{ code: grpc.status; details: string; reply?: Buffer }> {
  const client = new grpc.Client(url.replace(/^grpc:\/\//, ''), grpc.credentials.createInsecure());
  const raw = (b: Buffer) => b;
  return new Promise<{ code: grpc.status; details: string; reply?: Buffer }>((resolve) => {
    client.makeUnaryRequest(path, raw, raw, Buffer.from(payload), (err, reply) => {
      if (err) resolve({ code: err.code, details: err.details });
      else resolve({ code: grpc.status.OK, details: '', ...(reply ? { reply } : {}) });
    });
  }).finally(() => client.close());
}

/**
 * Sends a wire fixture the way its client did: HTTP with the recorded method, path and headers,
 * a UDP datagram, or a gRPC call, to the Skein listener for its port. Returns a short outcome
 * ('202', '200', 'sent' for UDP, 'grpc 0') for the caller to check.
 */
export async function sendFixture(urls: AllUrls, file: string): Promise<{ entry: FixtureManifestEntry; outcome: string }> {
  const entry = manifestEntry(file);
  const url = urls[URL_FOR_PORT[entry.transport.port]!];
  const body = readWireFixture(file);
  switch (entry.transport.kind) {
    case 'udp':
      await sendUdp(url, body);
      return { entry, outcome: 'sent' };
    case 'grpc': {
      const r = await grpcCall(url, entry.transport.path!, body);
      return { entry, outcome: `grpc ${r.code}${r.details ? ` ${r.details}` : ''}` };
    }
    default: {
      const headers: Record<string, string> = { ...(entry.transport.headers ?? {}) };
      delete headers['accept-encoding'];
      const res = await fetch(`${url}${entry.transport.path}`, { method: entry.transport.method ?? 'POST', headers, body });
      const text = await res.text();
      return { entry, outcome: `${res.status}${text ? ` ${text}` : ''}` };
    }
  }
}
