// api-01 (Express 5): the demo's front door. `GET /` asks api-02 (with fetch) and api-03 (with
// node:http) for activities at the same time, then ranks them, in two nested manual spans.
// Run it with the SDK: node --import @skein/node/register dist/api-01.js
import { createServer } from 'node:http';
import express from 'express';
import { trace } from '@opentelemetry/api';
import { activitiesIn, rankActivities, type Activity, type HomeActivities } from './activities.js';
import { DownstreamError, getJsonWithFetch, getJsonWithHttp } from './downstream.js';
import { numberSetting, portSetting, urlSetting } from './env-settings.js';
import { SimulatedFailure, markFailed, shouldFail } from './failure-injection.js';
import { announce, closeServer, listen, stopOnSignal } from './serve.js';

const env = process.env;
const port = portSetting(env, 'API01_PORT', 5001);
const api02Url = urlSetting(env, 'API02_URL', 'http://127.0.0.1:5002');
const api03Url = urlSetting(env, 'API03_URL', 'http://127.0.0.1:5003');
const errorRate = numberSetting(env, 'DEMO_ERROR_RATE', 0.1, 0, 1);

const tracer = trace.getTracer('api-01');

/** Gathers the activities of both downstream services (the slow, networked part of the page). */
function loadHomeActivities(fail: boolean): Promise<HomeActivities> {
  return tracer.startActiveSpan('home-activities-data', { attributes: { 'activities.sources': ['api-02', 'api-03'] } }, async (span) => {
    try {
      const [fromApi02, fromApi03] = await Promise.all([getJsonWithFetch(`${api02Url}/api-02`), getJsonWithHttp(`${api03Url}/api-03`)]);
      return rankHomeActivities([activitiesIn(fromApi02), activitiesIn(fromApi03)], fail);
    } catch (err) {
      markFailed(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Ranks what was gathered (the local, CPU part); this is where the injected failures happen. */
function rankHomeActivities(lists: Activity[][], fail: boolean): HomeActivities {
  return tracer.startActiveSpan('home-result-activities', (span) => {
    try {
      const home = rankActivities(lists);
      span.setAttributes({ 'activities.count': home.count, 'activities.top_kind': home.topKind ?? 'none', 'activities.source_count': home.sources.length });
      if (fail) throw new SimulatedFailure(`could not rank ${home.count} activities`);
      return home;
    } catch (err) {
      markFailed(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

const app = express();
app.get('/', async (req, res) => {
  try {
    const home = await loadHomeActivities(shouldFail(req.query.fail, errorRate));
    res.json({ service: 'api-01', count: home.count, topKind: home.topKind, sources: home.sources, activities: home.activities });
  } catch (err) {
    // A downstream that failed is a bad gateway; our own (injected) failure is a 500.
    res.status(err instanceof DownstreamError ? 502 : 500).json({ error: (err as Error).message });
  }
});

const server = createServer(app);
announce('api-01', await listen(server, port));
stopOnSignal('api-01', () => closeServer(server));
