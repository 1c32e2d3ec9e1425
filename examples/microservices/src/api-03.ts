// api-03 (plain node:http): `GET /api-03` waits DEMO_API03_DELAY_MS (default 2000, a slow
// dependency worth seeing in the waterfall) and then answers with its activities.
// Run it with the SDK: node --import @skein/node/register dist/api-03.js
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { activitiesFrom } from './activities.js';
import { numberSetting, portSetting } from './env-settings.js';
import { announce, closeServer, listen, stopOnSignal } from './serve.js';

const env = process.env;
const port = portSetting(env, 'API03_PORT', 5003);
const delayMs = numberSetting(env, 'DEMO_API03_DELAY_MS', 2000, 0, 600_000);

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' || path !== '/api-03') {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no route ${req.method} ${path}` }));
    return;
  }
  sleep(delayMs).then(() => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: 'api-03', delayMs, activities: activitiesFrom('api-03', 2) }));
  });
});

announce('api-03', await listen(server, port));
stopOnSignal('api-03', () => closeServer(server));
