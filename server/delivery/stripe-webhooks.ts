import type { VirtualClock } from '../clock/clock.ts';
import type { EventSink } from '../providers/stripe/events.ts';
import type { StripeEvent } from '../providers/stripe/types.ts';
import type { Timeline } from '../timeline/timeline.ts';
import { DeliveryEngine } from './delivery-engine.ts';
import type { Faults } from './faults.ts';
import { STRIPE_RETRY_POLICY, type RetryPolicy, withPolicy } from './retry-policy.ts';
import { stripeSigner } from './sign-stripe.ts';

export interface StripeWebhookOptions {
  clock: VirtualClock;
  timeline: Timeline;
  /** Clock milliseconds an endpoint has to answer (default 10 s). */
  timeoutMs?: number;
  /** The retry schedule (default: about three days, see STRIPE_RETRY_POLICY). */
  policy?: RetryPolicy;
  faults?: Faults;
  maxConcurrent?: number;
  /** Real milliseconds a receiver always gets, so that 10000× does not time out a healthy consumer (default 1000). */
  minRealTimeoutMs?: number;
}

/** The mock Stripe's side of delivery: `deliver` for new events, `resend` for `POST /v1/events/:id/retry`. */
export interface StripeWebhooks {
  engine: DeliveryEngine;
  deliver: EventSink;
  resend: EventSink;
}

/**
 * Delivers each Stripe event to each subscribed endpoint: the JSON body, signed with the
 * endpoint's secret, POSTed, retried on failure and recorded in the timeline. An event's
 * `pending_webhooks` counts down as its deliveries succeed, as on Stripe.
 */
export function createStripeWebhooks(options: StripeWebhookOptions): StripeWebhooks {
  const { clock, timeline, faults } = options;
  const policy = withPolicy(options.policy ?? STRIPE_RETRY_POLICY, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  const engine = new DeliveryEngine({
    clock,
    timeline,
    policy,
    sign: stripeSigner,
    from: 'stripe',
    to: 'app',
    minRealTimeoutMs: options.minRealTimeoutMs ?? 1_000,
    ...(faults && { faults: () => faults.get() }),
    ...(options.maxConcurrent && { maxConcurrent: options.maxConcurrent }),
  });
  const events = new Map<string, StripeEvent>();
  engine.onSettled((delivery) => {
    const event = events.get(delivery.eventId);
    if (event && delivery.state === 'delivered') event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
  });
  // Stripe pretty-prints event bodies; consumers must verify the exact bytes, whatever their shape.
  const messageOf = (event: StripeEvent, runId: string) => ({ eventId: event.id, runId, body: JSON.stringify(event, null, 2) });
  return {
    engine,
    deliver(event, endpoints, context) {
      events.set(event.id, event);
      engine.deliver(messageOf(event, context.runId), endpoints);
    },
    resend(event, endpoints, context) {
      events.set(event.id, event);
      engine.resend(messageOf(event, context.runId), endpoints);
    },
  };
}
