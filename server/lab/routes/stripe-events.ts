import { Router } from 'express';
import { FROM_HEADER, RUN_HEADER } from '../../timeline/record-exchanges.ts';
import { HttpError } from '../http-error.ts';
import { LAB_STRIPE_KEY } from '../triggers.ts';

/** Why an event on the timeline can be unknown to the mock Stripe, and what to do. */
const FORGOTTEN_EVENT_HINT =
  'The mock Stripe keeps its events in memory and starts empty each time the lab starts, while the timeline is kept: this event is probably from an earlier session. Trigger a new one to resend.';

/**
 * `POST /api/stripe/events/:id/resend` (the inspector's Resend button): asks the mock Stripe to
 * send the event again through its own API (`POST /v1/events/:id/retry`), so the request and the
 * new delivery both land on the timeline. `{runId?}` groups them with the original run.
 */
export function stripeEventsRouter(deps: { stripeUrl: () => string }): Router {
  const router = Router();
  router.post('/:id/resend', async (req, res) => {
    const { runId } = (req.body ?? {}) as { runId?: unknown };
    if (runId !== undefined && typeof runId !== 'string') throw new HttpError(400, '"runId" must be a string (the run the event belongs to).');
    const response = await fetch(`${deps.stripeUrl()}/v1/events/${encodeURIComponent(req.params.id)}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LAB_STRIPE_KEY}`, [FROM_HEADER]: 'lab', [RUN_HEADER]: runId ?? 'manual' },
    });
    const body = (await response.json()) as { id?: string; type?: string; error?: { message?: string } };
    if (!response.ok) {
      throw new HttpError(
        response.status,
        `The mock Stripe could not resend ${req.params.id}: ${body.error?.message ?? `HTTP ${response.status}`}`,
        response.status === 404 ? FORGOTTEN_EVENT_HINT : undefined,
      );
    }
    res.status(202).json({ eventId: body.id, type: body.type });
  });
  return router;
}
