import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { DeepgramError } from './errors.ts';

/** Any key of this form is accepted: Hooklab has no accounts, only the shape of the header matters. */
const KEY_PATTERN = /^[\w-]{8,}$/;

/** Where the route handlers find the caller's key once `requireDeepgramToken` has passed. */
export function apiKeyOf(req: Request): string {
  return (req as Request & { deepgramKey?: string }).deepgramKey ?? '';
}

/**
 * The identifier Deepgram sends in the `dg-token` header of callbacks: it names the API key
 * without revealing it. Ours is a UUID-shaped digest of the key, stable for a key.
 */
export function keyIdentifier(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `Authorization: Token <key>`, as Deepgram requires for API keys; anything else is Deepgram's 401. */
export const requireDeepgramToken: RequestHandler = (req, _res, next) => {
  const header = req.get('authorization');
  const [scheme = '', key = ''] = (header ?? '').trim().split(/\s+/, 2);
  if (!header) {
    throw new DeepgramError(401, 'INVALID_AUTH', 'Invalid credentials: no Authorization header. Send "Authorization: Token <your key>" (the SDK does this when given apiKey).');
  }
  if (!/^token$/i.test(scheme)) {
    throw new DeepgramError(
      401,
      'INVALID_AUTH',
      `Invalid credentials: the Authorization scheme is "${scheme}", but API keys use "Token" (Authorization: Token <your key>).`,
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw new DeepgramError(
      401,
      'INVALID_AUTH',
      'Invalid credentials: the key is malformed. Hooklab\'s mock Deepgram accepts any key of 8 or more letters, digits, "_" or "-".',
    );
  }
  (req as Request & { deepgramKey?: string }).deepgramKey = key;
  next();
};
