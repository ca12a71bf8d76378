import { Router } from 'express';
import { RUN_HEADER } from '../../timeline/record-exchanges.ts';
import type { DeepgramJobs } from './jobs.ts';
import { parseListenRequest } from './listen-request.ts';

/**
 * `POST /v1/listen`: with `callback`, answers `{request_id}` at once (the result follows by
 * callback); without, holds the request until the job is done on the clock and answers the result.
 */
export function listenRouter(deps: { jobs: DeepgramJobs }): Router {
  const router = Router();
  router.post('/listen', async (req, res) => {
    const job = deps.jobs.create(parseListenRequest(req, req.get(RUN_HEADER) ?? 'manual'));
    res.setHeader('dg-request-id', job.requestId);
    if (job.callback) {
      res.json({ request_id: job.requestId });
      return;
    }
    await job.finished;
    if (job.error) res.status(400).json(job.error);
    else res.json(job.result);
  });
  return router;
}
