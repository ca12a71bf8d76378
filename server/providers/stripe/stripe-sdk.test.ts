import Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestStripe, type TestStripe } from './start-test-stripe.ts';

let stripe: TestStripe;
beforeAll(async () => {
  stripe = await startTestStripe();
});
afterAll(() => stripe?.close());

const typesOf = (events: Stripe.Event[]) => events.map((e) => e.type);

test('the SDK creates, retrieves, confirms and lists payment intents', async () => {
  const { sdk } = stripe;
  const created = await sdk.paymentIntents.create({ amount: 2000, currency: 'usd', metadata: { order_id: '42' } });
  expect(created).toMatchObject({ object: 'payment_intent', amount: 2000, currency: 'usd', status: 'requires_payment_method', metadata: { order_id: '42' } });
  expect(created.id).toMatch(/^pi_/);
  expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));

  const confirmed = await sdk.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
  expect(confirmed).toMatchObject({ id: created.id, status: 'succeeded', amount_received: 2000 });
  expect(confirmed.latest_charge).toMatch(/^ch_/);

  const retrieved = await sdk.paymentIntents.retrieve(created.id);
  expect(retrieved.status).toBe('succeeded');
  const charge = await sdk.charges.retrieve(retrieved.latest_charge as string);
  expect(charge).toMatchObject({ object: 'charge', status: 'succeeded', paid: true, payment_intent: created.id });

  const list = await sdk.paymentIntents.list({ limit: 100 });
  expect(list.object).toBe('list');
  expect(list.data[0].id).toBe(created.id);

  const events = await sdk.events.list({ limit: 3 });
  expect(typesOf(events.data)).toEqual(['payment_intent.succeeded', 'charge.succeeded', 'payment_intent.created']);
});

test('a declined card is a StripeCardError with card_declined, and the intent goes back to requires_payment_method', async () => {
  const { sdk } = stripe;
  const error = await sdk.paymentIntents
    .create({ amount: 500, currency: 'eur', payment_method: 'pm_card_chargeDeclined', confirm: true })
    .catch((err: unknown) => err);
  expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
  const cardError = error as Stripe.errors.StripeCardError;
  expect(cardError).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline', statusCode: 402 });
  const intent = cardError.payment_intent as Stripe.PaymentIntent;
  expect(intent.status).toBe('requires_payment_method');
  const events = await sdk.events.list({ limit: 3 });
  expect(typesOf(events.data)).toEqual(['payment_intent.payment_failed', 'charge.failed', 'payment_intent.created']);
});

test('cancels a payment intent, emitting payment_intent.canceled, and refuses to cancel a succeeded one', async () => {
  const { sdk } = stripe;
  const intent = await sdk.paymentIntents.create({ amount: 900, currency: 'usd' });
  const canceled = await sdk.paymentIntents.cancel(intent.id, { cancellation_reason: 'requested_by_customer' });
  expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
  expect((await sdk.events.list({ limit: 1 })).data[0]).toMatchObject({ type: 'payment_intent.canceled', data: { object: { id: intent.id } } });

  const paid = await sdk.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
  await expect(sdk.paymentIntents.cancel(paid.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
});

test('a key that is not a test key is a StripeAuthenticationError', async () => {
  const intruder = new Stripe('sk_live_nope', { host: '127.0.0.1', port: stripe.port, protocol: 'http', maxNetworkRetries: 0 });
  const error = await intruder.customers.create({ email: 'a@example.com' }).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  expect((error as Stripe.errors.StripeError).statusCode).toBe(401);
});

test('basic auth with the key as user is accepted, as Stripe does', async () => {
  const response = await fetch(`${stripe.url}/v1/customers`, { headers: { authorization: `Basic ${Buffer.from('sk_test_basic:').toString('base64')}` } });
  expect(response.status).toBe(200);
});

test('bad parameters are StripeInvalidRequestErrors naming the param, and change nothing', async () => {
  const { sdk, store } = stripe;
  const before = { intents: store.paymentIntents.size, events: store.events.size };
  const cases: [Promise<unknown>, string][] = [
    [sdk.paymentIntents.create({ amount: 2000, currency: 'usd', colour: 'blue' } as Stripe.PaymentIntentCreateParams), 'colour'],
    [sdk.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams), 'amount'],
    [sdk.paymentIntents.create({ amount: 'lots' as unknown as number, currency: 'usd' }), 'amount'],
    [sdk.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_unknown' }), 'payment_method'],
    [sdk.paymentIntents.create({ amount: 2000, currency: 'usd', customer: 'cus_missing' }), 'customer'],
    [sdk.webhookEndpoints.create({ url: 'ftp://example.com/hook', enabled_events: ['*'] }), 'url'],
    [sdk.webhookEndpoints.create({ url: 'http://127.0.0.1:3000/hook', enabled_events: ['payment_intent.exploded' as '*'] }), 'enabled_events[0]'],
    [sdk.events.list({ limit: 1000 }), 'limit'],
  ];
  for (const [request, param] of cases) {
    const error = await request.catch((err: unknown) => err);
    expect(error, param).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Stripe.errors.StripeError).param).toBe(param);
  }
  expect({ intents: store.paymentIntents.size, events: store.events.size }).toEqual(before);
});

test('an unknown id is a 404 resource_missing', async () => {
  const error = (await stripe.sdk.paymentIntents.retrieve('pi_missing').catch((err: unknown) => err)) as Stripe.errors.StripeError;
  expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  expect(error.message).toContain("No such payment_intent: 'pi_missing'");
});

test('a malformed form body is a Stripe-shaped 400, not a crash', async () => {
  const response = await fetch(`${stripe.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'metadata[a]=1&metadata=2',
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
});

test('customers are created and updated, with previous_attributes on customer.updated', async () => {
  const { sdk } = stripe;
  const customer = await sdk.customers.create({ email: 'ada@example.com', name: 'Ada', metadata: { plan: 'free' } });
  expect(customer.id).toMatch(/^cus_/);
  expect(await sdk.customers.retrieve(customer.id)).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
  await sdk.customers.update(customer.id, { name: 'Ada Lovelace', metadata: { plan: 'pro' } });
  const [updated, created] = (await sdk.events.list({ limit: 2 })).data;
  expect(created).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id, name: 'Ada' } } });
  expect(updated).toMatchObject({
    type: 'customer.updated',
    data: { object: { name: 'Ada Lovelace', metadata: { plan: 'pro' } }, previous_attributes: { name: 'Ada', metadata: { plan: 'free' } } },
  });
  expect(created.data).not.toHaveProperty('previous_attributes');
  await expect(sdk.customers.create({ email: 'not-an-email' })).rejects.toMatchObject({ param: 'email' });
});

test('events have Stripe\'s shape and list by type, limit and starting_after', async () => {
  const { sdk } = stripe;
  for (let i = 0; i < 3; i++) await sdk.customers.create({ name: `Page ${i}` });
  const first = await sdk.events.list({ type: 'customer.created', limit: 2 });
  expect(first.has_more).toBe(true);
  expect(first.data.every((e) => e.type === 'customer.created')).toBe(true);
  const next = await sdk.events.list({ type: 'customer.created', limit: 2, starting_after: first.data[1].id });
  expect(next.data[0].id).not.toBe(first.data[1].id);
  const event = await sdk.events.retrieve(first.data[0].id);
  expect(event).toMatchObject({ object: 'event', livemode: false, type: 'customer.created', api_version: expect.any(String) });
  expect(event.id).toMatch(/^evt_/);
  // The SDK sends its own Idempotency-Key on every POST; the event names the request and that key.
  expect(event.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: expect.stringMatching(/^stripe-node-retry-/) });
  expect(typeof event.created).toBe('number');
  expect(typeof event.pending_webhooks).toBe('number');
  const wildcard = await sdk.events.list({ type: 'customer.*', limit: 100 });
  expect(new Set(typesOf(wildcard.data))).toEqual(new Set(['customer.created', 'customer.updated']));
  let all = 0;
  for await (const _event of sdk.events.list({ limit: 5 })) all++;
  expect(all).toBe(stripe.store.events.size);
});

test('webhook endpoints: create shows a whsec_ once; list, retrieve, update and delete', async () => {
  const { sdk } = stripe;
  const endpoint = await sdk.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hooks', enabled_events: ['*'], description: 'mine' });
  expect(endpoint.secret).toMatch(/^whsec_/);
  expect(endpoint).toMatchObject({ object: 'webhook_endpoint', status: 'enabled', enabled_events: ['*'] });
  expect((await sdk.webhookEndpoints.list()).data.map((e) => e.id)).toContain(endpoint.id);
  expect((await sdk.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
  const updated = await sdk.webhookEndpoints.update(endpoint.id, { enabled_events: ['charge.succeeded'], disabled: true });
  expect(updated).toMatchObject({ enabled_events: ['charge.succeeded'], status: 'disabled' });
  expect(await sdk.webhookEndpoints.del(endpoint.id)).toMatchObject({ id: endpoint.id, deleted: true });
  await expect(sdk.webhookEndpoints.retrieve(endpoint.id)).rejects.toMatchObject({ statusCode: 404 });
});

test('an Idempotency-Key replays the first response, and refuses other parameters', async () => {
  const { sdk } = stripe;
  const first = await sdk.customers.create({ name: 'Once' }, { idempotencyKey: 'key-1' });
  const again = await sdk.customers.create({ name: 'Once' }, { idempotencyKey: 'key-1' });
  expect(again.id).toBe(first.id);
  expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
  const error = await sdk.customers.create({ name: 'Twice' }, { idempotencyKey: 'key-1' }).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
});

test('a checkout session completes with a test card and emits checkout.session.completed after the payment events', async () => {
  const { sdk } = stripe;
  const session = await sdk.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'T-shirt' } } as never, quantity: 2 }],
    success_url: 'http://127.0.0.1:3000/thanks',
    client_reference_id: 'order_7',
  });
  expect(session).toMatchObject({ object: 'checkout.session', status: 'open', amount_total: 3000, payment_status: 'unpaid' });
  const response = await fetch(`${stripe.url}/v1/checkout/sessions/${session.id}/complete`, { method: 'POST', headers: { authorization: 'Bearer sk_test_x' } });
  expect(response.status).toBe(200);
  expect(await sdk.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
  const events = await sdk.events.list({ limit: 4 });
  expect(typesOf(events.data)).toEqual(['checkout.session.completed', 'payment_intent.succeeded', 'charge.succeeded', 'payment_intent.created']);
});

test('with a settle delay a payment shows processing, then succeeds on the clock', async () => {
  const slow = await startTestStripe({ settleDelayMs: 2_000 });
  try {
    const intent = await slow.sdk.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent.status).toBe('processing');
    expect(slow.clock.state().nextLabel).toBe(`settle ${intent.id}`);
    slow.clock.step();
    expect((await slow.sdk.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
    expect(typesOf((await slow.sdk.events.list()).data)).toEqual([
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.processing',
      'payment_intent.created',
    ]);
  } finally {
    await slow.close();
  }
});
