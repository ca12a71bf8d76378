import type { Server } from 'node:http';
import express from 'express';
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { VirtualClock } from '../../clock/clock.ts';
import { createStripeWebhooks } from '../../delivery/stripe-webhooks.ts';
import { close, listen, portOf } from '../../http/listen.ts';
import { Timeline } from '../../timeline/timeline.ts';
import { createStripeApp } from './create-stripe-app.ts';
import { StripeStore } from './store.ts';
import { addWebhookEndpoint } from './webhook-endpoints.ts';

const clock = new VirtualClock();
const timeline = new Timeline();
const store = new StripeStore();
const received: { body: string; signature: string }[] = [];
let servers: Server[];
let stripe: Stripe;
let secret: string;
let mockPort: number;

beforeAll(async () => {
  // A receiver that keeps the raw body, as a real consumer must for verification.
  const receiver = express().post('/hook', express.raw({ type: '*/*' }), (req, res) => {
    received.push({ body: (req.body as Buffer).toString('utf8'), signature: req.get('stripe-signature') ?? '' });
    res.sendStatus(200);
  });
  const receiverServer = await listen(receiver, { port: 0, host: '127.0.0.1', party: 'receiver', envVar: '-' });
  const mock = createStripeApp({ store, clock, timeline, deliver: createStripeWebhooks({ clock, timeline }).deliver });
  const mockServer = await listen(mock, { port: 0, host: '127.0.0.1', party: 'mock Stripe', envVar: '-' });
  servers = [receiverServer, mockServer];
  mockPort = portOf(mockServer);
  secret = addWebhookEndpoint(store, clock, { url: `http://127.0.0.1:${portOf(receiverServer)}/hook` }).secret;
  stripe = new Stripe('sk_test_conformance', { host: '127.0.0.1', port: mockPort, protocol: 'http' });
});
afterAll(async () => {
  clock.dispose();
  await Promise.all(servers.map(close));
});

test('the official SDK creates and confirms a payment intent against the mock', async () => {
  const created = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', metadata: { order_id: '42' } });
  expect(created).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', amount: 2000, metadata: { order_id: '42' } });
  expect(created.id).toMatch(/^pi_/);
  const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
  expect(confirmed.status).toBe('succeeded');
  expect((await stripe.paymentIntents.retrieve(created.id)).latest_charge).toMatch(/^ch_/);
});

test('stripe.webhooks.constructEvent accepts every delivery the mock sends', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur', payment_method: 'pm_card_visa', confirm: true });
  await timeline.waitFor((r) => r.kind === 'webhook' && r.request.body.includes(`"type": "payment_intent.succeeded"`) && r.request.body.includes(intent.id));
  const deliveries = received.filter((d) => d.body.includes(intent.id));
  expect(deliveries.length).toBeGreaterThanOrEqual(3);
  const types = deliveries.map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, secret).type);
  expect(types).toEqual(expect.arrayContaining(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']));
  expect(() => stripe.webhooks.constructEvent(deliveries[0].body, deliveries[0].signature, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
});

test("a declined card surfaces as the SDK's StripeCardError and a bad key as StripeAuthenticationError", async () => {
  await expect(stripe.paymentIntents.create({ amount: 500, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true })).rejects.toMatchObject({
    type: 'StripeCardError',
    code: 'card_declined',
  });
  const badKey = new Stripe('sk_live_nope', { host: '127.0.0.1', port: mockPort, protocol: 'http' });
  await expect(badKey.paymentIntents.list()).rejects.toMatchObject({ type: 'StripeAuthenticationError' });
});
