import express, { type Express } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { keepRawBody, recordExchanges } from '../../timeline/record-exchanges.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import { requireStripeKey } from './auth.ts';
import { chargesRouter } from './charges.ts';
import { checkoutSessionsRouter } from './checkout-sessions.ts';
import { customersRouter } from './customers.ts';
import { stripeErrorHandler, unknownStripeRoute } from './errors.ts';
import { type EventSink, EventPublisher } from './events.ts';
import { eventsRouter } from './events-routes.ts';
import { requestIdsAndIdempotency } from './idempotency.ts';
import { Payments } from './payments.ts';
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
  /**
   * Clock milliseconds a confirmed card payment stays `processing` before it settles (default 0:
   * cards settle at once, as on Stripe). Above 0, `payment_intent.processing` comes first.
   */
  settleDelayMs?: number;
}

/** The mock Stripe API (`/v1/…`); it never listens, `startLab` does. */
export function createStripeApp(deps: StripeAppDeps): Express {
  const { store, clock, timeline, deliver, resend = deliver, settleDelayMs = 0 } = deps;
  const events = new EventPublisher(store, clock, deliver);
  const payments = new Payments(store, clock, events, settleDelayMs);
  const app = express();
  app.disable('x-powered-by');
  app.use(recordExchanges({ timeline, clock, to: 'stripe', kind: 'api' }));
  app.use(express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 1000, verify: keepRawBody }));
  app.use('/v1', requireStripeKey, requestIdsAndIdempotency(store));
  app.use('/v1/payment_intents', paymentIntentsRouter({ store, payments }));
  app.use('/v1/charges', chargesRouter({ store }));
  app.use('/v1/customers', customersRouter({ store, clock, events }));
  app.use('/v1/checkout/sessions', checkoutSessionsRouter({ store, clock, events, payments }));
  app.use('/v1/webhook_endpoints', webhookEndpointsRouter({ store, clock }));
  app.use('/v1/events', eventsRouter({ store, resend }));
  app.use(unknownStripeRoute);
  app.use(stripeErrorHandler);
  return app;
}
