/**
 * The same hello-world server on Fastify 5 (one route, logging off): the framework the
 * OpenTelemetry JS figure of −81 % was measured on. Prints `listening <port>` once ready.
 */
import Fastify = require('fastify');

const app = Fastify.fastify({ logger: false });
app.get('/', async () => 'hello');
app.listen({ port: 0, host: '127.0.0.1' }).then(
  () => {
    const address = app.server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
