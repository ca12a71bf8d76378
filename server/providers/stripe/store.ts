import type { Charge, CheckoutSession, Customer, PaymentIntent, StripeEvent, WebhookEndpoint } from './types.ts';

/** Everything the mock Stripe knows, in memory; one store per mock instance. */
export class StripeStore {
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly customers = new Map<string, Customer>();
  readonly checkoutSessions = new Map<string, CheckoutSession>();
  readonly events = new Map<string, StripeEvent>();
  readonly webhookEndpoints = new Map<string, WebhookEndpoint>();
  /** Responses already given, by `Idempotency-Key`, so that a retried request is answered the same. */
  readonly idempotentResponses = new Map<string, { status: number; body: unknown; params: string }>();
}
