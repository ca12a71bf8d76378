import { Router } from 'express';
import { resourceMissing } from './errors.ts';
import { paginate } from './list.ts';
import type { StripeStore } from './store.ts';

/** `/v1/charges`: retrieve and list (`?payment_intent=`, `?customer=`); charges come from confirming intents. */
export function chargesRouter(deps: { store: StripeStore }): Router {
  const { store } = deps;
  const router = Router();

  router.get('/', (req, res) => {
    const { payment_intent: intent, customer } = req.query;
    const charges = [...store.charges.values()].filter(
      (ch) => (intent === undefined || ch.payment_intent === intent) && (customer === undefined || ch.customer === customer),
    );
    res.json(paginate(req, charges, '/v1/charges', ['payment_intent', 'customer']));
  });

  router.get('/:id', (req, res) => {
    const charge = store.charges.get(req.params.id);
    if (!charge) throw resourceMissing('charge', req.params.id);
    res.json(charge);
  });

  return router;
}
