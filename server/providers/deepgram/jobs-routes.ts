import { Router } from 'express';
import { RUN_HEADER } from '../../timeline/record-exchanges.ts';
import { DeepgramError } from './errors.ts';
import type { DeepgramJob, DeepgramJobs } from './jobs.ts';
import { parseListenRequest } from './listen-request.ts';

/** Sent with every answer of the polling endpoint, so nobody mistakes it for Deepgram's API. */
export const NOT_DEEPGRAM_HEADER = 'x-hooklab-not-deepgram';
const NOT_DEEPGRAM_NOTE = 'polling endpoint added by Hooklab; real Deepgram has none (AssemblyAI-style providers do)';

/** What a poll answers: the status, and the result (or error) once finished. */
export function jobStatusBody(job: DeepgramJob) {
  return {
    request_id: job.requestId,
    status: job.status,
    created: new Date(job.createdAt).toISOString(),
    ...(job.finishedAt !== undefined && { completed_at: new Date(job.finishedAt).toISOString() }),
    ...(job.result && { result: job.result }),
    ...(job.error && { error: job.error }),
  };
}

/**
 * NOT PART OF DEEPGRAM'S API. `POST /v1/jobs` queues a job and answers at once (no callback);
 * `GET /v1/jobs/:request_id` tells its status (`queued`, `processing`, `completed`, `failed`) and,
 * once done, the result. The polling lessons use it; it also answers for jobs made by /v1/listen.
 */
export function jobsRouter(deps: { jobs: DeepgramJobs }): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader(NOT_DEEPGRAM_HEADER, NOT_DEEPGRAM_NOTE);
    next();
  });
  router.post('/', (req, res) => {
    const { callback: _ignored, ...newJob } = parseListenRequest(req, req.get(RUN_HEADER) ?? 'manual');
    const job = deps.jobs.create(newJob);
    res.status(202).json(jobStatusBody(job));
  });
  router.get('/:requestId', (req, res) => {
    const job = deps.jobs.get(req.params.requestId);
    if (!job) {
      throw new DeepgramError(
        404,
        'REQUEST_NOT_FOUND',
        `No job with request_id "${req.params.requestId}". Use the request_id that POST /v1/jobs or POST /v1/listen answered; jobs are forgotten when the lab restarts. (Polling is a Hooklab addition, not part of Deepgram's API.)`,
      );
    }
    res.json(jobStatusBody(job));
  });
  return router;
}
