import type { RequestHandler } from 'express';
import { StripeError } from './errors.ts';

/** Reads the secret key from `Authorization: Bearer sk_…` or basic auth with the key as user. */
function secretKeyOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);
  if (/^bearer$/i.test(scheme)) return value.trim();
  if (/^basic$/i.test(scheme)) return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
  return undefined;
}

/** Test-mode keys only: `sk_test_…` (or a restricted `rk_test_…`); anything else is Stripe's 401. */
export const requireStripeKey: RequestHandler = (req, _res, next) => {
  const key = secretKeyOf(req.get('authorization'));
  if (!key) {
    throw new StripeError(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer sk_test_hooklab').",
    });
  }
  if (!/^(sk|rk)_test_\w+$/.test(key)) {
    const shown = key.length > 8 ? `${key.slice(0, 8)}${'*'.repeat(Math.min(key.length - 8, 20))}` : key;
    throw new StripeError(401, {
      type: 'invalid_request_error',
      message: `Invalid API Key provided: ${shown}. Hooklab's mock Stripe accepts any test-mode key of the form sk_test_….`,
    });
  }
  next();
};
