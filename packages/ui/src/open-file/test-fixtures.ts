import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test support only (never imported by the app): reads a real client payload from
 * ../shared/fixtures/wire beside the repository (SKEIN_FIXTURES overrides), as @skein/testkit
 * does; the UI package does not depend on the server's packages.
 */
export function readWireFixtureText(file: string): string {
  const fromEnv = process.env.SKEIN_FIXTURES;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10 && !fromEnv; i++) {
    const candidate = join(dir, '..', 'shared', 'fixtures', 'wire', file);
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    dir = dirname(dir);
  }
  if (fromEnv) return readFileSync(join(fromEnv, file), 'utf8');
  throw new Error(`wire fixture ${file} not found: expected ../shared/fixtures/wire beside the repository (or set SKEIN_FIXTURES)`);
}

/** A small Jaeger query-API answer: two services, a FOLLOWS_FROM reference, typed tags and a log. */
export const JAEGER_TRACE = {
  data: [
    {
      traceID: '00000000000000003a595377f438eb4c',
      spans: [
        {
          traceID: '00000000000000003a595377f438eb4c',
          spanID: '3a595377f438eb4c',
          operationName: 'GET /',
          references: [],
          startTime: 1795234584237000,
          duration: 20000,
          tags: [
            { key: 'span.kind', type: 'string', value: 'server' },
            { key: 'http.status_code', type: 'int64', value: 200 },
          ],
          logs: [],
          processID: 'p1',
        },
        {
          traceID: '00000000000000003a595377f438eb4c',
          spanID: '1111111111111111',
          operationName: 'call_api_03',
          references: [
            { refType: 'CHILD_OF', traceID: '00000000000000003a595377f438eb4c', spanID: '3a595377f438eb4c' },
            { refType: 'FOLLOWS_FROM', traceID: '00000000000000003a595377f438eb4c', spanID: '2222222222222222' },
          ],
          startTime: 1795234584240000,
          duration: 10000,
          tags: [
            { key: 'span.kind', type: 'string', value: 'client' },
            { key: 'error', type: 'bool', value: true },
            { key: 'ratio', type: 'float64', value: 0.5 },
            { key: 'ok', type: 'bool', value: true },
          ],
          logs: [{ timestamp: 1795234584245000, fields: [{ key: 'event', type: 'string', value: 'error' }, { key: 'message', type: 'string', value: 'timeout after 2s' }] }],
          processID: 'p2',
        },
      ],
      processes: {
        p1: { serviceName: 'api-02', tags: [{ key: 'service.version', type: 'string', value: '2.0.0' }] },
        p2: { serviceName: 'api-03', tags: [] },
      },
      warnings: null,
    },
  ],
  total: 0,
  limit: 0,
  offset: 0,
  errors: null,
};
