import { Router } from 'express';
import { resourceMissing } from './errors.ts';
import type { StripeStore } from './store.ts';

/** `/v1/events`: list (newest first, with `type` and `limit`) and retrieve. */
export function eventsRouter(deps: { store: StripeStore }): Router {
  const { store } = deps;
  const router = Router();

  router.get('/', (req, res) => {
    const type = typeof req.query.type === 'string' ? req.query.type : undefined;
    const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 10) || 10));
    const all = [...store.events.values()].reverse().filter((e) => !type || e.type === type);
    res.json({ object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/events' });
  });

  router.get('/:id', (req, res) => {
    const event = store.events.get(req.params.id);
    if (!event) throw resourceMissing('event', req.params.id);
    res.json(event);
  });

  return router;
}
