// A node:http service that only uses the OpenTelemetry API's context (no SDK of its own), so the
// interop test can run it under either SDK:
//   GET /start?peer=URL   calls  {peer}/relay?back={this service}
//   GET /relay?back=URL   calls  {back}/leaf
//   GET /leaf             answers
// With A = OpenTelemetry JS and B = @skein/node, A /start > B /relay > A /leaf is one trace
// crossing the two SDKs twice.
import { createServer } from 'node:http';
import { getJsonWithHttp } from './downstream.js';
import { portSetting } from './env-settings.js';
import { announce, closeServer, listen, stopOnSignal } from './serve.js';

const name = process.env.OTEL_SERVICE_NAME ?? 'interop-service';
let selfUrl = '';

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', selfUrl);
  const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const callThen = (target: string, reply: (body: unknown) => unknown) =>
    getJsonWithHttp(target).then(
      (body) => answer(200, reply(body)),
      (err: Error) => answer(502, { error: err.message }),
    );
  const peer = url.searchParams.get('peer');
  const back = url.searchParams.get('back');
  if (url.pathname === '/start' && peer) void callThen(`${peer}/relay?back=${encodeURIComponent(selfUrl)}`, (body) => ({ service: name, via: body }));
  else if (url.pathname === '/relay' && back) void callThen(`${back}/leaf`, (body) => ({ service: name, via: body }));
  else if (url.pathname === '/leaf') answer(200, { service: name });
  else answer(404, { error: `no route ${url.pathname}` });
});

const port = await listen(server, portSetting(process.env, 'PORT', 0));
selfUrl = `http://127.0.0.1:${port}`;
announce(name, port);
stopOnSignal(name, () => closeServer(server));
