import { Router } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { HttpError } from '../http-error.ts';

/** `/api/clock`: read the clock; PUT `{speed?, paused?, step?: true, advanceMs?}` to drive it. */
export function clockRouter(deps: { clock: VirtualClock }): Router {
  const { clock } = deps;
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(clock.state());
  });
  router.put('/', (req, res) => {
    const { speed, paused, step, advanceMs } = (req.body ?? {}) as Record<string, unknown>;
    if (speed !== undefined && typeof speed !== 'number') throw new HttpError(400, '"speed" must be a number (1 for real time, 10, 100…).');
    if (paused !== undefined && typeof paused !== 'boolean') throw new HttpError(400, '"paused" must be true or false.');
    if (advanceMs !== undefined && (typeof advanceMs !== 'number' || advanceMs < 0)) {
      throw new HttpError(400, '"advanceMs" must be a number of milliseconds, 0 or more.');
    }
    try {
      clock.set({ speed, paused });
    } catch (err) {
      throw new HttpError(400, (err as Error).message);
    }
    if (step === true) clock.step();
    if (typeof advanceMs === 'number') clock.advance(advanceMs);
    res.json(clock.state());
  });
  return router;
}
