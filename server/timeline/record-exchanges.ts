import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { VirtualClock } from '../clock/clock.ts';
import { capBody, type Party, type RecordKind } from './record.ts';
import type { Timeline } from './timeline.ts';

/** Header a caller sets to say which party it is (the SDKs do not, so the default is "your app"). */
export const FROM_HEADER = 'x-hooklab-from';
/** Header that ties a request to a trigger, scenario or check run. */
export const RUN_HEADER = 'x-hooklab-run';

/** Body parsers' `verify` hook: keeps the raw text so the timeline shows what was really sent. */
export function keepRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as IncomingMessage & { rawBody?: string }).rawBody = buf.toString('utf8');
}

export function headersOf(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * Records every request a provider receives as one timeline record, with both bodies, once the
 * response has been sent.
 */
export function recordExchanges(options: {
  timeline: Timeline;
  clock: VirtualClock;
  to: Party;
  kind: RecordKind;
  defaultFrom?: Party;
}): RequestHandler {
  const { timeline, clock, to, kind, defaultFrom = 'app' } = options;
  return (req, res, next) => {
    const startedAt = clock.now();
    let responseBody = '';
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body === 'string' || Buffer.isBuffer(body)) responseBody = body.toString();
      return send(body);
    };
    res.on('finish', () => {
      const rawBody = (req as unknown as { rawBody?: string }).rawBody ?? '';
      timeline.add({
        runId: req.get(RUN_HEADER) ?? 'manual',
        kind,
        from: (req.get(FROM_HEADER) as Party | undefined) ?? defaultFrom,
        to,
        method: req.method,
        url: `http://${req.get('host') ?? ''}${req.originalUrl}`,
        status: res.statusCode,
        startedAt,
        endedAt: clock.now(),
        attempt: 1,
        request: { headers: headersOf(req.headers), ...capBody(rawBody) },
        response: { headers: headersOf(res.getHeaders()), ...capBody(responseBody) },
      });
    });
    next();
  };
}
