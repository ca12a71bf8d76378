import type { Request, Response } from 'express';
import { RUN_HEADER } from '../../timeline/record-exchanges.ts';
import type { EventContext } from './events.ts';
import type { Params } from './params.ts';

/** The cause of the events a request emits: its request id (sent back as `Request-Id`) and run. */
export function contextOf(req: Request, res: Response): EventContext {
  return {
    runId: req.get(RUN_HEADER) ?? 'manual',
    requestId: String(res.getHeader('request-id') ?? null),
    idempotencyKey: req.get('idempotency-key') ?? null,
  };
}

/** The parsed form body, with `expand[]` removed (the mock has nothing to expand). */
export function paramsOf(req: Request): Params {
  const { expand: _expand, ...params } = (req.body ?? {}) as Params;
  return params;
}
