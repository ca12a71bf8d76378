import type { ErrorRequestHandler, RequestHandler } from 'express';

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  /** The object the error concerns (a declined payment intent, say), as Stripe includes it. */
  payment_intent?: unknown;
}

/** An error the mock answers in Stripe's shape: `{error: {type, code?, message, param?}}`. */
export class StripeError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;

  constructor(status: number, body: StripeErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeError {
  return new StripeError(400, { type: 'invalid_request_error', message, param, code });
}

export function resourceMissing(kind: string, id: string, param = 'id'): StripeError {
  return new StripeError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${kind}: '${id}'`,
  });
}

/** Stripe's 404 for paths it does not know. */
export const unknownStripeRoute: RequestHandler = (req) => {
  throw new StripeError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${req.method}: ${req.path}). Hooklab's mock Stripe implements a subset of the API; see the lab's README for the list.`,
  });
};

/** Turns any error into Stripe's error shape; parse failures of the body become 400s. */
export const stripeErrorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof StripeError) {
    res.status(err.status).json({ error: err.body });
    return;
  }
  const status = (err as { status?: number }).status;
  if (status && status >= 400 && status < 500) {
    res.status(status).json({
      error: {
        type: 'invalid_request_error',
        message: `Invalid request body: ${(err as Error).message}. Send application/x-www-form-urlencoded parameters, as the Stripe SDKs do.`,
      },
    });
    return;
  }
  console.error('[stripe] unexpected error', err);
  res.status(500).json({ error: { type: 'api_error', message: `The mock Stripe failed: ${(err as Error).message}` } });
};
