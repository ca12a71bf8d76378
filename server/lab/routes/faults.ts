import { Router } from 'express';
import { type Faults, InvalidFaultError, NO_FAULTS } from '../../delivery/faults.ts';
import { HttpError } from '../http-error.ts';

/** What each fault does, for the page's toggles and for anyone reading `GET /api/faults`. */
const DESCRIPTIONS: Record<keyof typeof NO_FAULTS, string> = {
  duplicate: 'Send every successful delivery twice, with the same event id.',
  reorderWindowMs: 'Hold deliveries this many clock ms, then send them newest first (0: off).',
  extraDelayMs: 'Wait this many clock ms before every attempt (0: off).',
  failFirstAttempt: 'Treat the first attempt as failed even if you answered 2xx, so the event comes again.',
  corruptSignature: 'Change one character of the Stripe-Signature.',
  staleTimestamp: 'Sign with a timestamp 10 minutes old (beyond the 300 s tolerance).',
  wrongSecret: "Sign with a secret that is not the endpoint's.",
  rate: 'Share of deliveries (0 to 1) the faults apply to.',
};

/** `/api/faults`: GET the settings; PUT a partial update (validated as a whole); DELETE turns all off. */
export function faultsRouter(deps: { faults: Faults }): Router {
  const { faults } = deps;
  const router = Router();
  const answer = () => ({ faults: faults.get(), descriptions: DESCRIPTIONS });
  router.get('/', (_req, res) => {
    res.json(answer());
  });
  router.put('/', (req, res) => {
    try {
      faults.update(req.body ?? {});
    } catch (err) {
      if (!(err instanceof InvalidFaultError)) throw err;
      throw new HttpError(400, err.message, `Send a JSON object with any of: ${Object.keys(NO_FAULTS).join(', ')}.`);
    }
    res.json(answer());
  });
  router.delete('/', (_req, res) => {
    faults.reset();
    res.json(answer());
  });
  return router;
}
