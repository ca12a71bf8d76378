/** One call a trigger makes to the mock Stripe; `resource` names what it creates, for `--override resource:key=value`. */
export type StripeCall = (
  path: string,
  params: Record<string, string>,
  options?: { resource?: string; allowDecline?: boolean; method?: 'POST' | 'DELETE' },
) => Promise<{ status: number; body: Record<string, unknown> }>;

/** A fixture of real API calls that makes the mock Stripe emit an event, as `stripe trigger` does. */
export interface StripeFlow {
  description: string;
  /** The resource plain `key=value` overrides apply to. */
  primary: string;
  /** Every resource whose parameters `resource:key=value` may override. */
  resources: string[];
  run: (call: StripeCall) => Promise<unknown>;
}

const paidIntent = { amount: '2000', currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true', 'payment_method_types[]': 'card' };
const declinedIntent = { ...paidIntent, payment_method: 'pm_card_chargeDeclined' };
const paymentFlow = (description: string, params: Record<string, string>, allowDecline = false): StripeFlow => ({
  description,
  primary: 'payment_intent',
  resources: ['payment_intent'],
  run: (call) => call('/v1/payment_intents', params, { resource: 'payment_intent', allowDecline }),
});
const newCustomer = { name: 'Jenny Rosen', email: 'jenny.rosen@example.com', description: '(created by hooklab trigger)' };

/** Every trigger by the event it produces; the page and `npm run trigger` list these. */
export const STRIPE_FLOWS: Record<string, StripeFlow> = {
  'payment_intent.created': paymentFlow('Creates a $20.00 payment intent without confirming it.', { amount: '2000', currency: 'usd' }),
  'payment_intent.succeeded': paymentFlow('Creates and confirms a $20.00 payment intent with a card that succeeds.', paidIntent),
  'payment_intent.payment_failed': paymentFlow('Creates and confirms a $20.00 payment intent with a card that is declined.', declinedIntent, true),
  'charge.succeeded': paymentFlow('Pays $20.00 with a card that succeeds (the charge comes with the payment intent).', paidIntent),
  'charge.failed': paymentFlow('Pays $20.00 with a card that is declined (the charge fails).', declinedIntent, true),
  'payment_intent.canceled': {
    description: 'Creates a $20.00 payment intent, then cancels it.',
    primary: 'payment_intent',
    resources: ['payment_intent'],
    run: async (call) => {
      const { body } = await call('/v1/payment_intents', { amount: '2000', currency: 'usd' }, { resource: 'payment_intent' });
      return call(`/v1/payment_intents/${String(body.id)}/cancel`, { cancellation_reason: 'requested_by_customer' });
    },
  },
  'customer.created': {
    description: 'Creates a customer.',
    primary: 'customer',
    resources: ['customer'],
    run: (call) => call('/v1/customers', newCustomer, { resource: 'customer' }),
  },
  'customer.updated': {
    description: "Creates a customer, then changes its name (the event carries previous_attributes).",
    primary: 'customer',
    resources: ['customer'],
    run: async (call) => {
      const { body } = await call('/v1/customers', newCustomer);
      return call(`/v1/customers/${String(body.id)}`, { name: 'Jenny R. Rosen', 'metadata[plan]': 'pro' }, { resource: 'customer' });
    },
  },
  'customer.deleted': {
    description: 'Creates a customer, then deletes it.',
    primary: 'customer',
    resources: ['customer'],
    run: async (call) => {
      const { body } = await call('/v1/customers', newCustomer, { resource: 'customer' });
      return call(`/v1/customers/${String(body.id)}`, {}, { method: 'DELETE' });
    },
  },
  'checkout.session.completed': {
    description: 'Creates a $30.00 checkout session and pays it with a card that succeeds.',
    primary: 'checkout_session',
    resources: ['checkout_session'],
    run: async (call) => {
      const { body } = await call(
        '/v1/checkout/sessions',
        {
          mode: 'payment',
          'line_items[0][price_data][currency]': 'usd',
          'line_items[0][price_data][unit_amount]': '1500',
          'line_items[0][price_data][product_data][name]': 'T-shirt',
          'line_items[0][quantity]': '2',
          success_url: 'http://localhost:5173/success',
        },
        { resource: 'checkout_session' },
      );
      return call(`/v1/checkout/sessions/${String(body.id)}/complete`, { payment_method: 'pm_card_visa' });
    },
  },
  'checkout.session.expired': {
    description: 'Creates a $30.00 checkout session, then expires it.',
    primary: 'checkout_session',
    resources: ['checkout_session'],
    run: async (call) => {
      const { body } = await call(
        '/v1/checkout/sessions',
        { mode: 'payment', 'line_items[0][price_data][currency]': 'usd', 'line_items[0][price_data][unit_amount]': '3000', 'line_items[0][quantity]': '1' },
        { resource: 'checkout_session' },
      );
      return call(`/v1/checkout/sessions/${String(body.id)}/expire`, {});
    },
  },
};
