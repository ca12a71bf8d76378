import type { RequestHandler } from 'express';
import { StripeError } from './errors.ts';
import { stripeId } from './ids.ts';
import type { StripeStore } from './store.ts';

/**
 * Gives each request a `Request-Id`, and replays the first response for a repeated
 * `Idempotency-Key` on POST (same path); the same key with other parameters is Stripe's
 * `idempotency_error`. Server errors (5xx) are not kept, so a retry can succeed.
 */
export function requestIdsAndIdempotency(store: StripeStore): RequestHandler {
  return (req, res, next) => {
    res.setHeader('request-id', stripeId('req', 14));
    const key = req.method === 'POST' ? req.get('idempotency-key') : undefined;
    if (!key) return next();
    const scoped = `${req.path} ${key}`;
    const params = (req as unknown as { rawBody?: string }).rawBody ?? '';
    const earlier = store.idempotentResponses.get(scoped);
    if (earlier) {
      if (earlier.params !== params) {
        throw new StripeError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      res.setHeader('idempotent-replayed', 'true');
      res.status(earlier.status).json(earlier.body);
      return;
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode < 500) store.idempotentResponses.set(scoped, { status: res.statusCode, body, params });
      return json(body);
    };
    next();
  };
}
