import express, { type Express, type RequestHandler } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { keepRawBody, recordExchanges } from '../../timeline/record-exchanges.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import { requireStripeKey } from './auth.ts';
import { stripeErrorHandler, unknownStripeRoute } from './errors.ts';
import { type EventSink, EventPublisher } from './events.ts';
import { eventsRouter } from './events-routes.ts';
import { stripeId } from './ids.ts';
import { paymentIntentsRouter } from './payment-intents.ts';
import type { StripeStore } from './store.ts';
import { webhookEndpointsRouter } from './webhook-endpoints.ts';

export interface StripeAppDeps {
  store: StripeStore;
  clock: VirtualClock;
  timeline: Timeline;
  /** Receives every event with the endpoints subscribed to it. */
  deliver: EventSink;
  /** Sends an event again (`POST /v1/events/:id/retry`); without it, resending delivers anew. */
  resend?: EventSink;
}

/** Gives each request a `Request-Id`, and replays the first response for a repeated `Idempotency-Key`. */
function requestIdsAndIdempotency(store: StripeStore): RequestHandler {
  return (req, res, next) => {
    res.setHeader('request-id', stripeId('req', 14));
    const key = req.method === 'POST' ? req.get('idempotency-key') : undefined;
    if (!key) return next();
    const scoped = `${req.path} ${key}`;
    const earlier = store.idempotentResponses.get(scoped);
    if (earlier) {
      res.setHeader('idempotent-replayed', 'true');
      res.status(earlier.status).json(earlier.body);
      return;
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode < 500) store.idempotentResponses.set(scoped, { status: res.statusCode, body });
      return json(body);
    };
    next();
  };
}

/** The mock Stripe API (`/v1/…`); it never listens, `startLab` does. */
export function createStripeApp(deps: StripeAppDeps): Express {
  const { store, clock, timeline, deliver } = deps;
  const events = new EventPublisher(store, clock, deliver);
  const app = express();
  app.disable('x-powered-by');
  app.use(recordExchanges({ timeline, clock, to: 'stripe', kind: 'api' }));
  app.use(express.urlencoded({ extended: true, limit: '1mb', verify: keepRawBody }));
  app.use('/v1', requireStripeKey, requestIdsAndIdempotency(store));
  app.use('/v1/payment_intents', paymentIntentsRouter({ store, clock, events }));
  app.use('/v1/webhook_endpoints', webhookEndpointsRouter({ store, clock }));
  app.use('/v1/events', eventsRouter({ store }));
  app.use(unknownStripeRoute);
  app.use(stripeErrorHandler);
  return app;
}
