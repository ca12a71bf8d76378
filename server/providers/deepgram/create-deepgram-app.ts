import type { IncomingMessage } from 'node:http';
import express, { type Express, type Request, type RequestHandler } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { keepRawBody, recordExchanges } from '../../timeline/record-exchanges.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import { requireDeepgramToken } from './auth.ts';
import type { DeliveryEngine } from '../../delivery/delivery-engine.ts';
import { sendCallback } from './callbacks.ts';
import { deepgramErrorHandler, unknownDeepgramRoute } from './errors.ts';
import type { DeepgramJobs } from './jobs.ts';
import { jobsRouter } from './jobs-routes.ts';
import { listenRouter } from './listen-routes.ts';
import { samplesRouter } from './samples-routes.ts';

/** What the mock Deepgram needs from the lab. */
export interface DeepgramAppDeps {
  clock: VirtualClock;
  timeline: Timeline;
  jobs: DeepgramJobs;
  /** Sends the results of jobs that named a callback. */
  callbacks: DeliveryEngine;
}

/** Audio arrives as any audio or video type, or as bytes (the SDK's `transcribeFile` sends octet-stream). */
const isAudio = (req: IncomingMessage) => /^(audio|video)\/|^application\/octet-stream/i.test(req.headers['content-type'] ?? '');

/** Keeps a short description of binary bodies for the timeline, instead of mangled bytes. */
function describeAudio(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as IncomingMessage & { rawBody?: string }).rawBody = `[${buf.length} bytes of ${req.headers['content-type']}]`;
}

/** Records provider traffic: status checks of the polling endpoint as `poll`, the rest as `api`. */
function recordDeepgram(clock: VirtualClock, timeline: Timeline): RequestHandler {
  const api = recordExchanges({ timeline, clock, to: 'deepgram', kind: 'api' });
  const poll = recordExchanges({ timeline, clock, to: 'deepgram', kind: 'poll' });
  const isPoll = (req: Request) => req.method === 'GET' && req.path.startsWith('/v1/jobs/');
  return (req, res, next) => {
    if (req.path.startsWith('/samples')) return next();
    return (isPoll(req) ? poll : api)(req, res, next);
  };
}

/**
 * The mock Deepgram: `POST /v1/listen` (URL or audio, sync or by callback), the sample recordings
 * under `/samples`, and a labelled polling endpoint under `/v1/jobs` that is not Deepgram's. It
 * never listens; `startLab` does.
 */
export function createDeepgramApp(deps: DeepgramAppDeps): Express {
  const { clock, timeline, jobs, callbacks } = deps;
  // Sent from the clock timer that finishes the job, so the send is on the wire before the clock moves on.
  jobs.on('finished', (job) => {
    sendCallback(callbacks, job);
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(recordDeepgram(clock, timeline));
  app.use('/samples', samplesRouter());
  app.use(express.json({ limit: '1mb', verify: keepRawBody }));
  app.use(express.raw({ type: isAudio, limit: '50mb', verify: describeAudio }));
  app.use('/v1', requireDeepgramToken);
  app.use('/v1', listenRouter({ jobs }));
  app.use('/v1/jobs', jobsRouter({ jobs }));
  app.use(unknownDeepgramRoute);
  app.use(deepgramErrorHandler);
  return app;
}
