import { Router } from 'express';
import type { VirtualClock } from '../../clock/clock.ts';
import { contextOf, paramsOf } from './context.ts';
import { StripeError, invalidRequest, resourceMissing } from './errors.ts';
import type { EventPublisher } from './events.ts';
import { stripeId } from './ids.ts';
import { paginate } from './list.ts';
import { checkCurrency } from './payment-intents.ts';
import { checkPaymentMethod, type Payments } from './payments.ts';
import { allowOnly, optionalMetadata, optionalString, optionalStringList, requiredString, requiredInteger, type Params } from './params.ts';
import type { StripeStore } from './store.ts';
import type { CheckoutSession } from './types.ts';

const CREATE_PARAMS = [
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'customer',
  'customer_email',
  'client_reference_id',
  'metadata',
  'payment_method_types',
];
/** A session stays open for 24 hours, as on Stripe. */
const SESSION_LIFETIME_S = 24 * 3600;

/** Sums `line_items[n][price_data][unit_amount] × line_items[n][quantity]`, checking every field. */
function totalOf(params: Params): { amount: number; currency: string } {
  const raw = params.line_items;
  const items = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? Object.values(raw) : undefined;
  if (!items?.length) throw invalidRequest('Missing required param: line_items.', 'line_items', 'parameter_missing');
  let amount = 0;
  let currency: string | undefined;
  items.forEach((item: unknown, index) => {
    const param = `line_items[${index}]`;
    if (typeof item !== 'object' || item === null) throw invalidRequest(`Invalid object: ${param} must be a hash.`, param);
    const line = item as Params;
    allowOnly(line, ['price_data', 'quantity', 'price']);
    if (line.price !== undefined) {
      throw invalidRequest(`No such price: '${String(line.price)}'. The mock has no price catalogue; pass ${param}[price_data] instead.`, `${param}[price]`, 'resource_missing');
    }
    const priceData = line.price_data as Params | undefined;
    if (typeof priceData !== 'object' || priceData === null) throw invalidRequest(`Missing required param: ${param}[price_data].`, `${param}[price_data]`, 'parameter_missing');
    const unitAmount = requiredInteger(priceData, 'unit_amount', 0);
    const lineCurrency = checkCurrency(requiredString(priceData, 'currency'), `${param}[price_data][currency]`);
    if (currency && lineCurrency !== currency) throw invalidRequest('All line items must use the same currency.', `${param}[price_data][currency]`);
    currency = lineCurrency;
    const quantity = line.quantity === undefined ? 1 : requiredInteger(line, 'quantity', 1);
    amount += unitAmount * quantity;
  });
  return { amount, currency: currency! };
}

/**
 * `/v1/checkout/sessions`: create, retrieve, list, expire, and `POST /:id/complete` — Hooklab's
 * stand-in for a customer paying on the hosted page (there is none): it pays with a test card and
 * emits the payment events and `checkout.session.completed`.
 */
export function checkoutSessionsRouter(deps: { store: StripeStore; clock: VirtualClock; events: EventPublisher; payments: Payments }): Router {
  const { store, clock, events, payments } = deps;
  const router = Router();
  const seconds = () => Math.floor(clock.now() / 1000);
  const find = (id: string) => {
    const session = store.checkoutSessions.get(id);
    if (!session) throw resourceMissing('checkout.session', id, 'session');
    return session;
  };
  const requireOpen = (session: CheckoutSession) => {
    if (session.status !== 'open') {
      throw new StripeError(400, {
        type: 'invalid_request_error',
        code: 'checkout_session_unexpected_state',
        message: `This Checkout Session is ${session.status}; only open sessions can be completed or expired.`,
      });
    }
  };

  router.post('/', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, CREATE_PARAMS);
    const mode = requiredString(params, 'mode');
    if (mode !== 'payment') throw invalidRequest(`Invalid mode: ${mode}. The mock supports mode=payment only.`, 'mode', 'parameter_invalid_string');
    const { amount, currency } = totalOf(params);
    const customer = optionalString(params, 'customer') ?? null;
    if (customer && !store.customers.has(customer)) throw resourceMissing('customer', customer, 'customer');
    optionalStringList(params, 'payment_method_types');
    const created = seconds();
    const session: CheckoutSession = {
      id: stripeId('cs_test', 58),
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: amount,
      amount_subtotal: amount,
      currency,
      customer,
      customer_email: optionalString(params, 'customer_email') ?? null,
      client_reference_id: optionalString(params, 'client_reference_id') ?? null,
      payment_intent: null,
      success_url: optionalString(params, 'success_url') ?? null,
      cancel_url: optionalString(params, 'cancel_url') ?? null,
      // No hosted page in the mock: complete the session with POST /v1/checkout/sessions/:id/complete.
      url: null,
      expires_at: created + SESSION_LIFETIME_S,
      created,
      livemode: false,
      metadata: optionalMetadata(params) ?? {},
    };
    store.checkoutSessions.set(session.id, session);
    res.json(session);
  });

  router.get('/', (req, res) => {
    res.json(paginate(req, [...store.checkoutSessions.values()], '/v1/checkout/sessions'));
  });

  router.get('/:id', (req, res) => {
    res.json(find(req.params.id));
  });

  router.post('/:id/expire', (req, res) => {
    allowOnly(paramsOf(req), []);
    const session = find(req.params.id);
    requireOpen(session);
    session.status = 'expired';
    events.emit('checkout.session.expired', session, contextOf(req, res));
    res.json(session);
  });

  router.post('/:id/complete', (req, res) => {
    const params = paramsOf(req);
    allowOnly(params, ['payment_method']);
    const session = find(req.params.id);
    const paymentMethod = checkPaymentMethod(optionalString(params, 'payment_method') ?? 'pm_card_visa');
    requireOpen(session);
    const context = contextOf(req, res);
    const intent = payments.create(
      {
        amount: session.amount_total,
        currency: session.currency,
        payment_method: paymentMethod,
        payment_method_types: ['card'],
        customer: session.customer,
        description: null,
        metadata: {},
      },
      context,
    );
    session.payment_intent = intent.id;
    payments.confirm(intent, undefined, context, () => {
      session.status = 'complete';
      session.payment_status = 'paid';
      events.emit('checkout.session.completed', session, context);
    });
    res.json(session);
  });

  return router;
}
