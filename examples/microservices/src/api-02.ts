// api-02 (Fastify 5): `GET /api-02` asks api-03 for its activities and, when DEMO_PYTHON_URL is
// set, the Python Flask service api-04 for recommendations. The Node services propagate B3 as
// well as W3C headers (OTEL_PROPAGATORS=tracecontext,baggage,b3multi), which is what py_zipkin
// reads, so the trace continues into Python.
// Run it with the SDK: node --import @skein/node/register dist/api-02.js
import Fastify from 'fastify';
import { activitiesFrom, activitiesIn } from './activities.js';
import { getJsonWithFetch } from './downstream.js';
import { portSetting, urlSetting } from './env-settings.js';
import { HOST, announce, stopOnSignal } from './serve.js';

const env = process.env;
const port = portSetting(env, 'API02_PORT', 5002);
const api03Url = urlSetting(env, 'API03_URL', 'http://127.0.0.1:5003');
const pythonUrl = urlSetting(env, 'DEMO_PYTHON_URL');

const app = Fastify({ logger: false });
app.get('/api-02', async () => {
  const [fromApi03, fromPython] = await Promise.all([getJsonWithFetch(`${api03Url}/api-03`), pythonUrl === undefined ? undefined : getJsonWithFetch(pythonUrl)]);
  const recommendations = (fromPython as { recommendations?: unknown } | undefined)?.recommendations;
  return {
    service: 'api-02',
    activities: activitiesFrom('api-02', 3),
    // api-01 asks api-03 itself; here api-03 only confirms it is up.
    api03Activities: activitiesIn(fromApi03).length,
    ...(Array.isArray(recommendations) ? { recommendations } : {}),
  };
});

await app.listen({ port, host: HOST });
announce('api-02', (app.server.address() as { port: number }).port);
stopOnSignal('api-02', () => app.close());
