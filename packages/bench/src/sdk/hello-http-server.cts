/**
 * The hello-world server of the SDK throughput benchmark: plain `node:http`, "hello" to every
 * request. CommonJS, as most instrumented Node services are and as OpenTelemetry JS's
 * require-hooking instrumentations expect. Prints `listening <port>` once it accepts connections.
 */
import { createServer } from 'node:http';

const server = createServer((_req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end('hello');
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
