import { createHmac } from 'node:crypto';

/**
 * Builds a `Stripe-Signature` header the way Stripe does: `t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256 over `${t}.${rawBody}` keyed with the whole `whsec_…` string (not base64-decoded).
 */
export function signStripePayload(payload: string, secret: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${stripeSignatureV1(payload, secret, timestampSeconds)}`;
}

export function stripeSignatureV1(payload: string, secret: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`).digest('hex');
}
