import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestStripe, type TestStripe } from '../providers/stripe/start-test-stripe.ts';
import { HttpError } from './http-error.ts';
import { listStripeTriggers, triggerStripeEvent } from './triggers.ts';

let stripe: TestStripe;
beforeAll(async () => {
  stripe = await startTestStripe();
});
afterAll(() => stripe?.close());

const eventTypes = () => [...stripe.store.events.values()].map((e) => e.type);

for (const { event } of listStripeTriggers()) {
  test(`the ${event} trigger makes the mock Stripe emit ${event}`, async () => {
    const before = stripe.store.events.size;
    const result = await triggerStripeEvent(stripe.url, event);
    expect(result.event).toBe(event);
    expect(eventTypes().slice(before)).toContain(event);
  });
}

test('every trigger call carries the run id, so the timeline groups the flow', async () => {
  const { runId } = await triggerStripeEvent(stripe.url, 'checkout.session.completed');
  const calls = stripe.timeline.list({ runId, kind: 'api' });
  expect(calls.map((r) => r.url.replace(/cs_test_\w+/, ':id'))).toEqual([
    expect.stringMatching(/\/v1\/checkout\/sessions$/),
    expect.stringMatching(/\/v1\/checkout\/sessions\/:id\/complete$/),
  ]);
});

test('an override changes the primary object, with or without the resource prefix', async () => {
  await triggerStripeEvent(stripe.url, 'payment_intent.succeeded', { amount: '5000', 'payment_intent:metadata[order_id]': '42' });
  const [latest] = [...stripe.store.paymentIntents.values()].slice(-1);
  expect(latest).toMatchObject({ amount: 5000, metadata: { order_id: '42' }, status: 'succeeded' });
});

test('an override the mock refuses fails the trigger with the mock\'s message', async () => {
  const error = await triggerStripeEvent(stripe.url, 'payment_intent.succeeded', { amount: 'lots' }).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).message).toMatch(/Invalid integer: lots/);
});

test('an override of a resource the flow does not create is refused, naming what can be', async () => {
  await expect(triggerStripeEvent(stripe.url, 'customer.created', { 'payment_intent:amount': '1' })).rejects.toMatchObject({
    status: 400,
    hint: 'Override customer:<param>.',
  });
});

test('an unknown trigger is a 404 listing the valid ones', async () => {
  await expect(triggerStripeEvent(stripe.url, 'payment_intent.exploded')).rejects.toMatchObject({
    status: 404,
    hint: expect.stringContaining('payment_intent.succeeded, payment_intent.payment_failed'),
  });
});
