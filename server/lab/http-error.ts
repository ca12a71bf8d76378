import type { ErrorRequestHandler, RequestHandler } from 'express';

/** An error the lab answers as JSON `{error: {message, hint?, ...details}}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hint?: string,
    /** More fields for the error body, e.g. the current version of a file on a 409. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound: RequestHandler = (req) => {
  throw new HttpError(404, `No lab API route for ${req.method} ${req.path}.`, 'The lab API lives under /api; README.md lists its calls (section "Lab API").');
};

/** The lab's one error handler: known errors keep their status, body-parser errors become 400/413. */
export const labErrorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  const error = err as Error & { status?: number; type?: string; hint?: string };
  let status = error instanceof HttpError ? error.status : (error.status ?? 500);
  let message = error.message;
  let hint = error.hint;
  if (error.type === 'entity.parse.failed') {
    status = 400;
    message = `The request body is not valid JSON: ${error.message}.`;
    hint = 'Send a JSON body with Content-Type: application/json.';
  } else if (error.type === 'entity.too.large') {
    message = 'The request body is too large for the lab API (limit 1 MB).';
  } else if (status >= 500) {
    console.error('[lab] unexpected error', err);
  }
  if (res.headersSent) return;
  const details = error instanceof HttpError ? error.details : undefined;
  res.status(status).json({ error: { message, ...(hint && { hint }), ...details } });
};
