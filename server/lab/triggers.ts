import { randomUUID } from 'node:crypto';
import { FROM_HEADER, RUN_HEADER } from '../timeline/record-exchanges.ts';
import { HttpError } from './http-error.ts';
import { STRIPE_FLOWS, type StripeCall } from './stripe-trigger-flows.ts';

/** The key the lab uses when it calls the mock Stripe, as the Stripe CLI uses yours. */
export const LAB_STRIPE_KEY = 'sk_test_hooklab_lab';

/** What `GET /api/triggers/stripe` lists: each event a trigger can produce, and how. */
export function listStripeTriggers(): { event: string; description: string }[] {
  return Object.entries(STRIPE_FLOWS).map(([event, flow]) => ({ event, description: flow.description }));
}

/**
 * Checks overrides (`{"amount": "5000"}` or `{"payment_intent:amount": "5000"}`, as
 * `stripe trigger --override`) against the flow and sorts them by resource.
 */
function overridesByResource(eventType: string, overrides: unknown): Map<string, Record<string, string>> {
  const flow = STRIPE_FLOWS[eventType];
  const sorted = new Map<string, Record<string, string>>();
  if (overrides === undefined) return sorted;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new HttpError(400, '"overrides" must be an object of parameter names to string values.', 'e.g. {"overrides": {"amount": "5000", "metadata[order_id]": "42"}}');
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (typeof value !== 'string') throw new HttpError(400, `Override "${name}" must be a string; got ${JSON.stringify(value)}.`, 'Stripe parameters are form strings: "5000", "true".');
    const [resource, key] = name.includes(':') ? name.split(':', 2) : [flow.primary, name];
    if (!flow.resources.includes(resource)) {
      throw new HttpError(400, `The ${eventType} trigger creates no ${resource}, so "${name}" cannot be overridden.`, `Override ${flow.resources.map((r) => `${r}:<param>`).join(' or ')}.`);
    }
    if (!key) throw new HttpError(400, `Override "${name}" names no parameter.`, 'Use resource:param=value, e.g. payment_intent:amount=5000.');
    sorted.set(resource, { ...sorted.get(resource), [key]: value });
  }
  return sorted;
}

/**
 * Runs the flow for `eventType` against the mock Stripe at `stripeUrl`; every call lands on the
 * timeline under one run id. A call the mock refuses (other than an expected decline) fails the
 * trigger with the mock's own error.
 */
export async function triggerStripeEvent(
  stripeUrl: string,
  eventType: string,
  overrides?: unknown,
): Promise<{ runId: string; event: string; responses: unknown[] }> {
  const flow = STRIPE_FLOWS[eventType];
  if (!flow) {
    throw new HttpError(404, `Unknown trigger "${eventType}".`, `Valid triggers: ${Object.keys(STRIPE_FLOWS).join(', ')}.`);
  }
  const byResource = overridesByResource(eventType, overrides);
  const runId = `run_${randomUUID().slice(0, 8)}`;
  const responses: unknown[] = [];
  const call: StripeCall = async (path, params, options = {}) => {
    const method = options.method ?? 'POST';
    const response = await fetch(`${stripeUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${LAB_STRIPE_KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
        [FROM_HEADER]: 'lab',
        [RUN_HEADER]: runId,
      },
      body: method === 'DELETE' ? undefined : new URLSearchParams({ ...params, ...(options.resource && byResource.get(options.resource)) }).toString(),
    });
    const body = (await response.json()) as Record<string, unknown>;
    responses.push(body);
    const declined = response.status === 402 && options.allowDecline;
    if (response.status >= 400 && !declined) {
      const error = (body.error ?? {}) as { message?: string; param?: string };
      throw new HttpError(
        400,
        `The ${eventType} trigger failed at ${method} ${path}: ${error.message ?? `HTTP ${response.status}`}`,
        error.param ? `Check the override for "${error.param}".` : undefined,
      );
    }
    return { status: response.status, body };
  };
  await flow.run(call);
  return { runId, event: eventType, responses };
}
