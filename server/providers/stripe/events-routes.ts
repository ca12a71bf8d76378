import { Router } from 'express';
import { contextOf, paramsOf } from './context.ts';
import { invalidRequest, resourceMissing } from './errors.ts';
import { endpointWants, type EventSink } from './events.ts';
import { typeMatches } from './event-types.ts';
import { paginate } from './list.ts';
import { allowOnly, optionalString } from './params.ts';
import type { StripeStore } from './store.ts';

/**
 * `/v1/events`: list (newest first; `type` with `*` wildcards, `types[]`, `limit`,
 * `starting_after`), retrieve, and `POST /:id/retry` to send an event again (`stripe events resend`).
 */
export function eventsRouter(deps: { store: StripeStore; resend: EventSink }): Router {
  const { store, resend } = deps;
  const router = Router();
  const find = (id: string) => {
    const event = store.events.get(id);
    if (!event) throw resourceMissing('event', id);
    return event;
  };

  router.get('/', (req, res) => {
    const { type, types } = req.query;
    if (type !== undefined && typeof type !== 'string') throw invalidRequest('Invalid type: give one event type, e.g. type=payment_intent.succeeded.', 'type');
    const filters = types === undefined ? [] : Array.isArray(types) ? types : typeof types === 'object' ? Object.values(types) : [types];
    if (!filters.every((f) => typeof f === 'string')) throw invalidRequest('Invalid types: must be a list of event types.', 'types');
    if (type !== undefined && filters.length) throw invalidRequest('You may pass either type or types, but not both.', 'types');
    const wanted = type !== undefined ? [type] : (filters as string[]);
    const events = [...store.events.values()].filter((e) => !wanted.length || wanted.some((f) => typeMatches(f, e.type)));
    res.json(paginate(req, events, '/v1/events', ['type', 'types']));
  });

  router.get('/:id', (req, res) => {
    res.json(find(req.params.id));
  });

  router.post('/:id/retry', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, ['webhook_endpoint']);
    const event = find(req.params.id);
    const endpointId = optionalString(params, 'webhook_endpoint');
    let endpoints = [...store.webhookEndpoints.values()].filter((e) => endpointWants(e, event.type));
    if (endpointId) {
      const endpoint = store.webhookEndpoints.get(endpointId);
      if (!endpoint) throw resourceMissing('webhook_endpoint', endpointId, 'webhook_endpoint');
      endpoints = [endpoint];
    }
    if (!endpoints.length) {
      throw invalidRequest(`No enabled webhook endpoint listens for ${event.type}, so there is nowhere to resend it. Register one with enabled_events[]=*.`, 'webhook_endpoint');
    }
    resend(event, endpoints, contextOf(req, res));
    res.json(event);
  });

  return router;
}
