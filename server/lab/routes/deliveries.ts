import { Router } from 'express';
import type { DeliveryEngine, DeliveryState } from '../../delivery/delivery-engine.ts';
import { withPolicy } from '../../delivery/retry-policy.ts';
import { HttpError } from '../http-error.ts';

const STATES: readonly DeliveryState[] = ['pending', 'delivered', 'failed'];

/**
 * `/api/deliveries`: every webhook delivery of the mock Stripe with its state (`?eventId=`,
 * `?state=`), the accounting `emitted = delivered + pending + failed`, and the retry policy;
 * `PUT /policy {delaysMs?, timeoutMs?}` changes the schedule for attempts scheduled from then on.
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
  router.put('/policy', (req, res) => {
    const { delaysMs, timeoutMs } = (req.body ?? {}) as Record<string, unknown>;
    if (delaysMs !== undefined && !(Array.isArray(delaysMs) && delaysMs.every((d) => typeof d === 'number'))) {
      throw new HttpError(400, '"delaysMs" must be a list of clock milliseconds, one per attempt, e.g. [0, 5000, 300000].');
    }
    if (timeoutMs !== undefined && typeof timeoutMs !== 'number') throw new HttpError(400, '"timeoutMs" must be clock milliseconds, e.g. 10000.');
    try {
      deliveries.policy = withPolicy(deliveries.policy, {
        ...(delaysMs !== undefined && { delaysMs: delaysMs as number[], name: 'custom' }),
        ...(timeoutMs !== undefined && { timeoutMs }),
      });
    } catch (err) {
      throw new HttpError(400, (err as Error).message, 'The first delay is usually 0 (deliver at once).');
    }
    res.json({ policy: deliveries.policy });
  });
  return router;
}
