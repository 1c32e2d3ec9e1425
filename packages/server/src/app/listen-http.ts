import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Listens and returns the base URL actually bound (the real port when 0 was asked for). */
export async function listenHttp(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  return httpUrl(app.server.address() as AddressInfo);
}

export function httpUrl(addr: { address: string; port: number; family?: string }, scheme = 'http'): string {
  const host = addr.family === 'IPv6' || addr.address.includes(':') ? `[${addr.address}]` : addr.address;
  return `${scheme}://${host}:${addr.port}`;
}
