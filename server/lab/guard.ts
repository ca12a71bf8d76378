import type { RequestHandler } from 'express';
import { HttpError } from './http-error.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostnameOf(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
}

/**
 * The lab API writes files and runs code, so it answers only this machine's pages: the Host must
 * be a loopback name (defeats DNS rebinding) and a non-GET from a browser must come from one of
 * `allowedOrigins` (defeats cross-site requests).
 */
export function localOnly(allowedOrigins: () => string[]): RequestHandler {
  return (req, _res, next) => {
    const host = req.get('host');
    if (!host || !LOOPBACK.has(hostnameOf(host).toLowerCase())) {
      throw new HttpError(403, `Refused: the lab only answers requests addressed to localhost or 127.0.0.1 (Host was "${host ?? ''}").`, 'Open Hooklab at http://localhost:5173.');
    }
    const origin = req.get('origin');
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin && !allowedOrigins().includes(origin)) {
      throw new HttpError(403, `Refused: a ${req.method} from ${origin} is cross-origin.`, 'Only the Hooklab page may change the lab; open it at its own address.');
    }
    next();
  };
}
