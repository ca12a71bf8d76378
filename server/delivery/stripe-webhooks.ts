import type { VirtualClock } from '../clock/clock.ts';
import type { EventSink } from '../providers/stripe/events.ts';
import type { Timeline } from '../timeline/timeline.ts';
import { sendAndRecord } from './send.ts';
import { signStripePayload } from './sign-stripe.ts';

/** Headers Stripe sends with every delivery (seen in captures). */
const STRIPE_DELIVERY_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
};

export interface StripeWebhookOptions {
  clock: VirtualClock;
  timeline: Timeline;
  /** Clock milliseconds an endpoint has to answer. */
  timeoutMs?: number;
}

/**
 * Delivers each Stripe event to each subscribed endpoint: the JSON body, signed with the
 * endpoint's secret, POSTed and recorded in the timeline.
 */
export function stripeWebhookSink(options: StripeWebhookOptions): EventSink {
  const { clock, timeline, timeoutMs = 10_000 } = options;
  return (event, endpoints, context) => {
    const body = JSON.stringify(event, null, 2);
    for (const endpoint of endpoints) {
      const signature = signStripePayload(body, endpoint.secret, Math.floor(clock.now() / 1000));
      void sendAndRecord(
        {
          runId: context.runId,
          kind: 'webhook',
          from: 'stripe',
          to: 'app',
          method: 'POST',
          url: endpoint.url,
          headers: { ...STRIPE_DELIVERY_HEADERS, 'stripe-signature': signature },
          body,
          eventId: event.id,
        },
        { clock, timeline, timeoutMs },
      );
    }
  };
}
