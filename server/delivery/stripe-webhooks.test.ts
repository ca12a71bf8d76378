import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startTestStripe, type TestStripe } from '../providers/stripe/start-test-stripe.ts';
import { type Received, type TestReceiver, startReceiver } from './test-receiver.ts';

let stripe: TestStripe;
let receiver: TestReceiver;
let secret: string;
let endpointId: string;
beforeAll(async () => {
  stripe = await startTestStripe();
  receiver = await startReceiver();
  const endpoint = await stripe.sdk.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
  secret = endpoint.secret!;
  endpointId = endpoint.id;
});
afterEach(() => {
  stripe.faults.reset();
});
afterAll(async () => {
  await stripe?.close();
  await receiver?.close();
});

const verify = (request: Received, withSecret = secret) =>
  stripe.sdk.webhooks.constructEvent(request.body, String(request.headers['stripe-signature']), withSecret);

/** Creates a customer and resolves with the delivery of its customer.created event. */
async function deliveryOfNewCustomer(): Promise<{ request: Received; eventId: string }> {
  const before = receiver.received.length;
  await stripe.sdk.customers.create({ name: 'Delivery test' });
  const [event] = (await stripe.sdk.events.list({ type: 'customer.created', limit: 1 })).data;
  const all = await receiver.waitForCount(before + 1);
  return { request: all[before], eventId: event.id };
}

test('constructEvent accepts every normal delivery of a payment, with Stripe\'s delivery headers', async () => {
  const before = receiver.received.length;
  await stripe.sdk.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
  const requests = (await receiver.waitForCount(before + 3)).slice(before);
  const events = requests.map((request) => verify(request));
  expect(new Set(events.map((e) => e.type))).toEqual(new Set(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']));
  for (const request of requests) {
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['user-agent']).toBe('Stripe/1.0 (+https://stripe.com/docs/webhooks)');
    expect(String(request.headers['stripe-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  }
});

test('an event\'s pending_webhooks counts down once its delivery succeeds', async () => {
  const { eventId } = await deliveryOfNewCustomer();
  const delivery = stripe.webhooks.engine.list({ eventId })[0];
  await stripe.webhooks.engine.settled(delivery.id);
  expect((await stripe.sdk.events.retrieve(eventId)).pending_webhooks).toBe(0);
});

const SIGNATURE_FAULTS = [
  ['corruptSignature', 'corrupt signature'],
  ['staleTimestamp', 'stale timestamp'],
  ['wrongSecret', 'wrong secret'],
] as const;

for (const [fault, label] of SIGNATURE_FAULTS) {
  test(`constructEvent rejects a delivery with the ${label} fault, labelled on the timeline`, async () => {
    stripe.faults.update({ [fault]: true });
    const { request, eventId } = await deliveryOfNewCustomer();
    expect(() => verify(request)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const record = await stripe.timeline.waitFor((r) => r.kind === 'webhook' && r.eventId === eventId);
    expect(record.labels).toContain(label);
  });
}

test('a stale delivery is otherwise genuine: it verifies once the tolerance is widened', async () => {
  stripe.faults.update({ staleTimestamp: true });
  const { request, eventId } = await deliveryOfNewCustomer();
  const event = stripe.sdk.webhooks.constructEvent(request.body, String(request.headers['stripe-signature']), secret, 3600);
  expect(event.id).toBe(eventId);
});

test('POST /v1/events/:id/retry resends the event to the endpoint, signed afresh', async () => {
  const { eventId } = await deliveryOfNewCustomer();
  const before = receiver.received.length;
  const response = await fetch(`${stripe.url}/v1/events/${eventId}/retry`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ webhook_endpoint: endpointId }).toString(),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { id: string }).id).toBe(eventId);
  const [resent] = (await receiver.waitForCount(before + 1)).slice(before);
  expect(verify(resent).id).toBe(eventId);
  const record = await stripe.timeline.waitFor((r) => r.eventId === eventId && (r.labels?.includes('manual resend') ?? false));
  expect(record).toMatchObject({ kind: 'retry', attempt: 2, status: 200 });
});

test('resending an unknown event is a 404 resource_missing', async () => {
  const response = await fetch(`${stripe.url}/v1/events/evt_missing/retry`, { method: 'POST', headers: { authorization: 'Bearer sk_test_x' } });
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: 'resource_missing', param: 'id' } });
});
