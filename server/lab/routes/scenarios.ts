import { Router } from 'express';
import type { PushVsPollResult } from '../../scenarios/push-vs-poll/types.ts';

/** `/api/scenarios`: `POST /push-vs-poll` runs the same jobs both ways and answers the measured figures. */
export function scenariosRouter(deps: { runPushVsPoll: (body: unknown) => Promise<PushVsPollResult> }): Router {
  const router = Router();
  router.post('/push-vs-poll', async (req, res) => {
    res.json(await deps.runPushVsPoll(req.body));
  });
  return router;
}
