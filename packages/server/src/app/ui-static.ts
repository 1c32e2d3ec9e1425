import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { SkeinError } from '@skein/model';

/** Where `npm run build` puts the web UI (packages/ui/dist/web). */
export function uiDirectory(): string | undefined {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('@skein/ui/package.json')), 'dist', 'web');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the web UI on the query port, the port Jaeger users already open. Every page's state
 * is in its URL (`/search?...`, `/trace/{id}`), so any GET outside the APIs that is not a file
 * gets index.html and the UI routes it: deep links survive a reload. API paths keep their
 * coded 404s.
 */
export async function registerUi(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, { root: dir, wildcard: false, index: ['index.html'] });
  // Routes beat this catch-all, and `wildcard: false` gave every built file its own route.
  app.get('/*', (req, reply) => {
    const path = req.url.split('?')[0]!;
    if (!path.startsWith('/api/') && !path.startsWith('/assets/')) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    const e = new SkeinError('SKEIN_ERR_NOT_FOUND', `${req.method} ${path}`);
    return reply.code(e.status).send({ error: e.toJSON() });
  });
}
