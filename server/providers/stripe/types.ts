/** The Stripe objects the mock keeps, with the fields a learner would look at. */
export type Metadata = Record<string, string>;

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'succeeded'
    | 'canceled';
  payment_method: string | null;
  payment_method_types: string[];
  customer: string | null;
  description: string | null;
  latest_charge: string | null;
  last_payment_error: Record<string, unknown> | null;
  client_secret: string;
  capture_method: 'automatic';
  confirmation_method: 'automatic';
  canceled_at: number | null;
  cancellation_reason: string | null;
  created: number;
  livemode: false;
  metadata: Metadata;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  currency: string;
  status: 'succeeded' | 'failed';
  paid: boolean;
  captured: boolean;
  payment_intent: string;
  payment_method: string;
  customer: string | null;
  description: string | null;
  failure_code: string | null;
  failure_message: string | null;
  outcome: Record<string, unknown>;
  created: number;
  livemode: false;
  metadata: Metadata;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  secret: string;
  api_version: string | null;
  created: number;
  livemode: false;
  metadata: Metadata;
}

/** The API version the mock answers as (and stamps on events). */
export const STRIPE_API_VERSION = '2026-11-18.endive';

export interface Customer {
  id: string;
  object: 'customer';
  email: string | null;
  name: string | null;
  phone: string | null;
  description: string | null;
  balance: number;
  currency: string | null;
  created: number;
  livemode: false;
  metadata: Metadata;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_total: number;
  amount_subtotal: number;
  currency: string;
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  payment_intent: string | null;
  success_url: string | null;
  cancel_url: string | null;
  url: string | null;
  expires_at: number;
  created: number;
  livemode: false;
  metadata: Metadata;
}

/** Stripe's list envelope. */
export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}
