import { Router } from 'express';
import type { DeliveryEngine, DeliveryState } from '../../delivery/delivery-engine.ts';
import { HttpError } from '../http-error.ts';

const STATES: readonly DeliveryState[] = ['pending', 'delivered', 'failed'];

/**
 * `/api/deliveries`: every webhook delivery of the mock Stripe with its state (`?eventId=`,
 * `?state=`), the accounting `emitted = delivered + pending + failed`, and the retry policy.
 */
export function deliveriesRouter(deps: { deliveries: DeliveryEngine }): Router {
  const { deliveries } = deps;
  const router = Router();
  router.get('/', (req, res) => {
    const { eventId, state } = req.query;
    if (eventId !== undefined && typeof eventId !== 'string') throw new HttpError(400, '"eventId" must be one event id, e.g. ?eventId=evt_123.');
    if (state !== undefined && !STATES.includes(state as DeliveryState)) {
      throw new HttpError(400, `"state" must be one of ${STATES.join(', ')}; got ${JSON.stringify(state)}.`);
    }
    res.json({
      stats: deliveries.stats(),
      policy: deliveries.policy,
      deliveries: deliveries.list({ ...(eventId && { eventId }), ...(state && { state: state as DeliveryState }) }),
    });
  });
  return router;
}
