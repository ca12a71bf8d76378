import { randomUUID } from 'node:crypto';
import { FROM_HEADER, RUN_HEADER } from '../timeline/record-exchanges.ts';
import { HttpError } from './http-error.ts';

/** The key the lab uses when it calls the mock Stripe, as the Stripe CLI uses yours. */
export const LAB_STRIPE_KEY = 'sk_test_hooklab_lab';

type Flow = (call: StripeCall) => Promise<unknown>;
type StripeCall = (path: string, params: Record<string, string>) => Promise<{ status: number; body: Record<string, unknown> }>;

/** Each trigger is a fixture of real API calls that makes Stripe emit the event (as `stripe trigger` does). */
const FLOWS: Record<string, { description: string; run: Flow }> = {
  'payment_intent.succeeded': {
    description: 'Creates and confirms a $20.00 payment intent with a card that succeeds.',
    run: (call) =>
      call('/v1/payment_intents', { amount: '2000', currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true', 'payment_method_types[]': 'card' }),
  },
  'payment_intent.payment_failed': {
    description: 'Creates and confirms a $20.00 payment intent with a card that is declined.',
    run: (call) =>
      call('/v1/payment_intents', {
        amount: '2000',
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
        confirm: 'true',
        'payment_method_types[]': 'card',
      }),
  },
};

export function listStripeTriggers(): { event: string; description: string }[] {
  return Object.entries(FLOWS).map(([event, flow]) => ({ event, description: flow.description }));
}

/** Runs the flow for `eventType` against the mock Stripe at `stripeUrl`; every call lands on the timeline. */
export async function triggerStripeEvent(stripeUrl: string, eventType: string): Promise<{ runId: string; event: string; responses: unknown[] }> {
  const flow = FLOWS[eventType];
  if (!flow) {
    throw new HttpError(404, `Unknown trigger "${eventType}".`, `Valid triggers: ${Object.keys(FLOWS).join(', ')}.`);
  }
  const runId = `run_${randomUUID().slice(0, 8)}`;
  const responses: unknown[] = [];
  await flow.run(async (path, params) => {
    const response = await fetch(`${stripeUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${LAB_STRIPE_KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
        [FROM_HEADER]: 'lab',
        [RUN_HEADER]: runId,
      },
      body: new URLSearchParams(params).toString(),
    });
    const body = (await response.json()) as Record<string, unknown>;
    responses.push(body);
    return { status: response.status, body };
  });
  return { runId, event: eventType, responses };
}
