import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** Deepgram's error body: `{err_code, err_msg, request_id}`. */
export interface DeepgramErrorBody {
  err_code: string;
  err_msg: string;
  request_id: string;
}

/** An error the mock answers in Deepgram's shape, with its HTTP status. */
export class DeepgramError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The body Deepgram sends: every error carries a fresh request id. */
  toBody(requestId: string = randomUUID()): DeepgramErrorBody {
    return { err_code: this.code, err_msg: this.message, request_id: requestId };
  }
}

/** A 400 about the request (`Bad Request`, as Deepgram labels body and media problems). */
export function badRequest(message: string): DeepgramError {
  return new DeepgramError(400, 'Bad Request', `Bad Request: ${message}`);
}

/** A 400 about one query parameter. */
export function invalidQueryParameter(message: string): DeepgramError {
  return new DeepgramError(400, 'INVALID_QUERY_PARAMETER', message);
}

/** Deepgram-shaped 404 for paths the mock does not implement. */
export const unknownDeepgramRoute: RequestHandler = (req) => {
  throw new DeepgramError(
    404,
    'NOT_FOUND',
    `No such route: ${req.method} ${req.path}. Hooklab's mock Deepgram implements POST /v1/listen, and (not part of Deepgram's API) POST /v1/jobs and GET /v1/jobs/:request_id for polling.`,
  );
};

/** The mock's one error handler: Deepgram errors keep their status; body-parser failures become 400/413. */
export const deepgramErrorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof DeepgramError) {
    res.status(err.status).json(err.toBody());
    return;
  }
  const error = err as Error & { status?: number; type?: string };
  if (error.type === 'entity.parse.failed') {
    res.status(400).json(badRequest(`the body is not valid JSON (${error.message}). Send {"url": "https://…"} with Content-Type: application/json.`).toBody());
    return;
  }
  if (error.type === 'entity.too.large') {
    res.status(413).json(new DeepgramError(413, 'PAYLOAD_TOO_LARGE', 'The audio is larger than the mock accepts (50 MB). Send a shorter file or a URL.').toBody());
    return;
  }
  console.error('[deepgram] unexpected error', err);
  res.status(500).json(new DeepgramError(500, 'INTERNAL_SERVER_ERROR', `The mock Deepgram failed: ${error.message}`).toBody());
};
