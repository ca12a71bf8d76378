import type { VirtualClock } from '../../clock/clock.ts';
import { StripeError, invalidRequest } from './errors.ts';
import type { EventContext, EventPublisher } from './events.ts';
import { stripeId } from './ids.ts';
import type { StripeStore } from './store.ts';
import type { Charge, Metadata, PaymentIntent } from './types.ts';

/** Test payment methods and what confirming with them does (Stripe's own test ids). */
export const TEST_PAYMENT_METHODS: Record<string, { declineCode?: string; brand: string }> = {
  pm_card_visa: { brand: 'visa' },
  pm_card_mastercard: { brand: 'mastercard' },
  pm_card_chargeDeclined: { brand: 'visa', declineCode: 'generic_decline' },
  pm_card_chargeDeclinedInsufficientFunds: { brand: 'visa', declineCode: 'insufficient_funds' },
};

/** The fields a new payment intent takes, already validated. */
export interface NewPaymentIntent {
  amount: number;
  currency: string;
  payment_method: string | null;
  payment_method_types: string[];
  customer: string | null;
  description: string | null;
  metadata: Metadata;
}

/** Refuses a payment method the mock does not know, naming the param, before anything changes. */
export function checkPaymentMethod(id: string, param = 'payment_method'): string {
  if (!TEST_PAYMENT_METHODS[id]) {
    throw invalidRequest(
      `No such PaymentMethod: '${id}'. Use a test payment method: ${Object.keys(TEST_PAYMENT_METHODS).join(', ')}.`,
      param,
      'resource_missing',
    );
  }
  return id;
}

/**
 * The payment state machine: payment intents and their charges, with the events Stripe emits at
 * each step. Confirming checks everything first, so that a refused request changes nothing.
 */
export class Payments {
  constructor(
    private readonly store: StripeStore,
    private readonly clock: VirtualClock,
    private readonly events: EventPublisher,
    /** Clock ms a confirmed payment stays `processing` (0: settles at once). */
    private readonly settleDelayMs: number,
  ) {}

  create(fields: NewPaymentIntent, context: EventContext): PaymentIntent {
    const id = stripeId('pi');
    const intent: PaymentIntent = {
      id,
      object: 'payment_intent',
      ...fields,
      amount_received: 0,
      status: fields.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      latest_charge: null,
      last_payment_error: null,
      client_secret: `${id}_secret_${stripeId('x').slice(2)}`,
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      canceled_at: null,
      cancellation_reason: null,
      created: this.#seconds(),
      livemode: false,
    };
    this.store.paymentIntents.set(intent.id, intent);
    this.events.emit('payment_intent.created', intent, context);
    return intent;
  }

  /**
   * Confirms with `paymentMethod` (or the one already attached). A decline answers Stripe's 402
   * card error after recording the failed charge, as Stripe does. `onSucceeded` runs once the
   * payment has succeeded (at once, or when a processing payment settles).
   */
  confirm(intent: PaymentIntent, paymentMethod: string | undefined, context: EventContext, onSucceeded?: (intent: PaymentIntent) => void): PaymentIntent {
    const method = paymentMethod ?? intent.payment_method;
    if (!method) {
      throw new StripeError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        param: 'payment_method',
        message: "You cannot confirm this PaymentIntent because it's missing a payment method. Pass payment_method (e.g. pm_card_visa).",
      });
    }
    checkPaymentMethod(method);
    if (intent.status !== 'requires_confirmation' && intent.status !== 'requires_payment_method') {
      throw new StripeError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed. Only intents in requires_payment_method or requires_confirmation can be.`,
      });
    }
    intent.payment_method = method;
    if (this.settleDelayMs > 0) {
      intent.status = 'processing';
      this.events.emit('payment_intent.processing', intent, context);
      this.clock.setTimer(
        this.settleDelayMs,
        () => {
          if (intent.status !== 'processing') return;
          const settled = this.#settle(intent, context);
          if (settled.status === 'succeeded') onSucceeded?.(settled);
        },
        `settle ${intent.id}`,
      );
      return intent;
    }
    const settled = this.#settle(intent, context);
    if (settled.status !== 'succeeded') {
      const error = settled.last_payment_error as { decline_code: string };
      throw new StripeError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: error.decline_code,
        message: 'Your card was declined.',
        param: 'payment_method',
        payment_intent: structuredClone(settled),
      });
    }
    onSucceeded?.(settled);
    return settled;
  }

  cancel(intent: PaymentIntent, reason: string | null, context: EventContext): PaymentIntent {
    if (intent.status === 'succeeded' || intent.status === 'canceled' || intent.status === 'processing') {
      throw new StripeError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.`,
      });
    }
    intent.status = 'canceled';
    intent.canceled_at = this.#seconds();
    intent.cancellation_reason = reason;
    this.events.emit('payment_intent.canceled', intent, context);
    return intent;
  }

  /** Charges the card: a charge object, then the charge and payment intent events. */
  #settle(intent: PaymentIntent, context: EventContext): PaymentIntent {
    const method = intent.payment_method!;
    const { declineCode } = TEST_PAYMENT_METHODS[method];
    const charge: Charge = {
      id: stripeId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: declineCode ? 0 : intent.amount,
      currency: intent.currency,
      status: declineCode ? 'failed' : 'succeeded',
      paid: !declineCode,
      captured: !declineCode,
      payment_intent: intent.id,
      payment_method: method,
      customer: intent.customer,
      description: intent.description,
      failure_code: declineCode ? 'card_declined' : null,
      failure_message: declineCode ? 'Your card was declined.' : null,
      outcome: declineCode
        ? { network_status: 'declined_by_network', reason: declineCode, type: 'issuer_declined' }
        : { network_status: 'approved_by_network', reason: null, type: 'authorized' },
      created: this.#seconds(),
      livemode: false,
      metadata: {},
    };
    this.store.charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    if (declineCode) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: declineCode, message: 'Your card was declined.', charge: charge.id };
      this.events.emit('charge.failed', charge, context);
      this.events.emit('payment_intent.payment_failed', intent, context);
      return intent;
    }
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.last_payment_error = null;
    this.events.emit('charge.succeeded', charge, context);
    this.events.emit('payment_intent.succeeded', intent, context);
    return intent;
  }

  #seconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }
}
