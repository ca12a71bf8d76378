import { Router } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { contextOf, paramsOf } from './context.ts';
import { StripeError, invalidRequest, resourceMissing } from './errors.ts';
import type { EventContext, EventPublisher } from './events.ts';
import { stripeId } from './ids.ts';
import {
  allowOnly,
  optionalBoolean,
  optionalMetadata,
  optionalString,
  optionalStringList,
  requiredInteger,
  requiredString,
  type Params,
} from './params.ts';
import type { StripeStore } from './store.ts';
import type { Charge, PaymentIntent } from './types.ts';

/** Test payment methods and what confirming with them does. */
const TEST_CARDS: Record<string, { declineCode?: string }> = {
  pm_card_visa: {},
  pm_card_mastercard: {},
  pm_card_chargeDeclined: { declineCode: 'generic_decline' },
};

const CREATE_PARAMS = ['amount', 'currency', 'payment_method', 'payment_method_types', 'confirm', 'customer', 'description', 'metadata'];

/** `/v1/payment_intents`: create, retrieve and confirm, emitting the events Stripe would. */
export function paymentIntentsRouter(deps: { store: StripeStore; clock: VirtualClock; events: EventPublisher }): Router {
  const { store, clock, events } = deps;
  const router = Router();
  const seconds = () => Math.floor(clock.now() / 1000);

  function find(id: string): PaymentIntent {
    const intent = store.paymentIntents.get(id);
    if (!intent) throw resourceMissing('payment_intent', id, 'intent');
    return intent;
  }

  function confirm(intent: PaymentIntent, context: EventContext): PaymentIntent {
    if (!intent.payment_method) {
      throw new StripeError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        param: 'payment_method',
        message: "You cannot confirm this PaymentIntent because it's missing a payment method. Pass payment_method (e.g. pm_card_visa).",
      });
    }
    if (intent.status !== 'requires_confirmation' && intent.status !== 'requires_payment_method') {
      throw new StripeError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed.`,
      });
    }
    const card = TEST_CARDS[intent.payment_method];
    if (!card) {
      throw invalidRequest(`No such PaymentMethod: '${intent.payment_method}'. Try pm_card_visa or pm_card_chargeDeclined.`, 'payment_method', 'resource_missing');
    }
    const charge: Charge = {
      id: stripeId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: card.declineCode ? 0 : intent.amount,
      currency: intent.currency,
      status: card.declineCode ? 'failed' : 'succeeded',
      paid: !card.declineCode,
      captured: !card.declineCode,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      customer: intent.customer,
      failure_code: card.declineCode ? 'card_declined' : null,
      failure_message: card.declineCode ? 'Your card was declined.' : null,
      outcome: card.declineCode
        ? { network_status: 'declined_by_network', reason: card.declineCode, type: 'issuer_declined' }
        : { network_status: 'approved_by_network', reason: null, type: 'authorized' },
      created: seconds(),
      livemode: false,
      metadata: {},
    };
    store.charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    if (card.declineCode) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: card.declineCode,
        message: 'Your card was declined.',
        charge: charge.id,
      };
      events.emit('charge.failed', charge, context);
      events.emit('payment_intent.payment_failed', intent, context);
      throw new StripeError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: card.declineCode,
        message: 'Your card was declined.',
        param: 'payment_method',
        payment_intent: structuredClone(intent),
      });
    }
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.last_payment_error = null;
    events.emit('charge.succeeded', charge, context);
    events.emit('payment_intent.succeeded', intent, context);
    return intent;
  }

  router.post('/', (req, res) => {
    const params: Params = paramsOf(req);
    allowOnly(params, CREATE_PARAMS);
    const amount = requiredInteger(params, 'amount', 1);
    const currency = requiredString(params, 'currency').toLowerCase();
    const paymentMethod = optionalString(params, 'payment_method') ?? null;
    const intent: PaymentIntent = {
      id: stripeId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      payment_method: paymentMethod,
      payment_method_types: optionalStringList(params, 'payment_method_types') ?? ['card'],
      customer: optionalString(params, 'customer') ?? null,
      description: optionalString(params, 'description') ?? null,
      latest_charge: null,
      last_payment_error: null,
      client_secret: '',
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      created: seconds(),
      livemode: false,
      metadata: optionalMetadata(params) ?? {},
    };
    const shouldConfirm = optionalBoolean(params, 'confirm') ?? false;
    intent.client_secret = `${intent.id}_secret_${stripeId('x').slice(2)}`;
    const context = contextOf(req, res);
    store.paymentIntents.set(intent.id, intent);
    events.emit('payment_intent.created', intent, context);
    res.json(shouldConfirm ? confirm(intent, context) : intent);
  });

  router.get('/:id', (req, res) => {
    res.json(find(req.params.id));
  });

  router.post('/:id/confirm', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, ['payment_method']);
    const intent = find(req.params.id);
    const paymentMethod = optionalString(params, 'payment_method');
    if (paymentMethod) intent.payment_method = paymentMethod;
    res.json(confirm(intent, contextOf(req, res)));
  });

  return router;
}
