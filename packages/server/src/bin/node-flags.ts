/**
 * V8 flags the server runs with (the `skein` bin's shebang and `npm start` pass the same).
 * A 64 MiB young generation lets a 512-span request's short-lived objects die young instead of
 * being promoted: about +10 % durable ingest in `npm run bench`.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
