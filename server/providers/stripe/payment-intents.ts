import { Router } from 'express';
import { contextOf, paramsOf } from './context.ts';
import { invalidRequest, resourceMissing } from './errors.ts';
import { paginate } from './list.ts';
import { checkPaymentMethod, type Payments } from './payments.ts';
import {
  allowOnly,
  optionalBoolean,
  optionalMetadata,
  optionalString,
  optionalStringList,
  requiredInteger,
  requiredString,
} from './params.ts';
import type { StripeStore } from './store.ts';
import type { PaymentIntent } from './types.ts';

const CREATE_PARAMS = ['amount', 'currency', 'payment_method', 'payment_method_types', 'confirm', 'customer', 'description', 'metadata'];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

/** `/v1/payment_intents`: create, retrieve, list, confirm and cancel, emitting the events Stripe would. */
export function paymentIntentsRouter(deps: { store: StripeStore; payments: Payments }): Router {
  const { store, payments } = deps;
  const router = Router();

  function find(id: string): PaymentIntent {
    const intent = store.paymentIntents.get(id);
    if (!intent) throw resourceMissing('payment_intent', id, 'intent');
    return intent;
  }

  router.post('/', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, CREATE_PARAMS);
    const paymentMethod = optionalString(params, 'payment_method');
    const customer = optionalString(params, 'customer');
    // Every parameter is checked before the intent exists, so a refused request leaves nothing behind.
    const fields = {
      amount: requiredInteger(params, 'amount', 1),
      currency: checkCurrency(requiredString(params, 'currency')),
      payment_method: paymentMethod ? checkPaymentMethod(paymentMethod) : null,
      payment_method_types: optionalStringList(params, 'payment_method_types') ?? ['card'],
      customer: customer ?? null,
      description: optionalString(params, 'description') ?? null,
      metadata: optionalMetadata(params) ?? {},
    };
    if (customer && !store.customers.has(customer)) throw resourceMissing('customer', customer, 'customer');
    const confirm = optionalBoolean(params, 'confirm') ?? false;
    if (confirm && !paymentMethod) throw invalidRequest('Missing required param: payment_method (needed when confirm=true).', 'payment_method', 'parameter_missing');
    const context = contextOf(req, res);
    const intent = payments.create(fields, context);
    res.json(confirm ? payments.confirm(intent, undefined, context) : intent);
  });

  router.get('/', (req, res) => {
    const customer = typeof req.query.customer === 'string' ? req.query.customer : undefined;
    const intents = [...store.paymentIntents.values()].filter((pi) => !customer || pi.customer === customer);
    res.json(paginate(req, intents, '/v1/payment_intents', ['customer']));
  });

  router.get('/:id', (req, res) => {
    res.json(find(req.params.id));
  });

  router.post('/:id/confirm', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, ['payment_method', 'return_url']);
    const intent = find(req.params.id);
    res.json(payments.confirm(intent, optionalString(params, 'payment_method'), contextOf(req, res)));
  });

  router.post('/:id/cancel', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, ['cancellation_reason']);
    const reason = optionalString(params, 'cancellation_reason') ?? null;
    if (reason !== null && !CANCELLATION_REASONS.includes(reason)) {
      throw invalidRequest(`Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}.`, 'cancellation_reason', 'parameter_invalid_string');
    }
    res.json(payments.cancel(find(req.params.id), reason, contextOf(req, res)));
  });

  return router;
}

/** Three lowercase letters, as Stripe's ISO currency codes. */
export function checkCurrency(currency: string, param = 'currency'): string {
  const code = currency.toLowerCase();
  if (!/^[a-z]{3}$/.test(code)) throw invalidRequest(`Invalid currency: ${currency}. Use a three-letter ISO code such as usd or eur.`, param, 'parameter_invalid_string');
  return code;
}
