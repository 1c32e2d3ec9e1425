import type { FastifyInstance } from 'fastify';

/**
 * Makes Fastify hand request bodies over unread, as the raw stream, for every content type
 * (including none): receivers read them with `readBody`, which limits the size after
 * decompression — something Fastify's own bodyLimit (compressed bytes) cannot do.
 * Call inside an encapsulated plugin so it only affects ingest routes.
 */
export function passRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
}
