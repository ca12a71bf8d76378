import { createHmac } from 'node:crypto';
import type { Signer } from './delivery-engine.ts';
import { STALE_BY_SECONDS } from './faults.ts';

/**
 * Builds a `Stripe-Signature` header the way Stripe does: `t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256 over `${t}.${rawBody}` keyed with the whole `whsec_…` string (not base64-decoded).
 */
export function signStripePayload(payload: string, secret: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${stripeSignatureV1(payload, secret, timestampSeconds)}`;
}

/** The hex `v1` part of a Stripe signature. */
export function stripeSignatureV1(payload: string, secret: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`).digest('hex');
}

/** Headers Stripe sends with every delivery (seen in captures). */
export const STRIPE_DELIVERY_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
} as const;

/** The secret the "wrong secret" fault signs with: shaped like a real one, known to nobody. */
export const WRONG_STRIPE_SECRET = 'whsec_not_the_endpoint_secret_hooklab_fault';

/**
 * Signs one Stripe delivery with the endpoint's secret at the clock's time, applying the signature
 * faults that are switched on (each one labelled).
 */
export const stripeSigner: Signer = (body, target, { nowMs, faults }) => {
  const labels: string[] = [];
  let timestamp = Math.floor(nowMs / 1000);
  let secret = target.secret ?? '';
  if (faults.staleTimestamp) {
    timestamp -= STALE_BY_SECONDS;
    labels.push('stale timestamp');
  }
  if (faults.wrongSecret) {
    secret = WRONG_STRIPE_SECRET;
    labels.push('wrong secret');
  }
  let signature = signStripePayload(body, secret, timestamp);
  if (faults.corruptSignature) {
    const last = signature.at(-1);
    signature = `${signature.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    labels.push('corrupt signature');
  }
  return { headers: { ...STRIPE_DELIVERY_HEADERS, 'stripe-signature': signature }, labels };
};
