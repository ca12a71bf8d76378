import type { VirtualClock } from '../../clock/clock.ts';
import { type Delivery, DeliveryEngine, type Signer } from '../../delivery/delivery-engine.ts';
import { DEEPGRAM_RETRY_POLICY, type RetryPolicy } from '../../delivery/retry-policy.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import type { DeepgramJob } from './jobs.ts';

/** Callbacks on the wire at once; more wait their turn, so 1,000 finishing together do not open 1,000 sockets. */
const MAX_CONCURRENT = 64;

/** Deepgram signs nothing: each callback carries JSON, the key's `dg-token` and any basic auth (fixed per target). */
const deepgramHeaders: Signer = (_body, target) => ({ headers: { 'content-type': 'application/json', ...target.headers } });

/**
 * The mock Deepgram's callbacks go through the shared delivery engine, with Deepgram's policy (a
 * first try and up to 10 retries, 30 s of clock time apart) and no signature; every attempt is a
 * `callback` record on the timeline.
 */
export function createDeepgramCallbacks(deps: { clock: VirtualClock; timeline: Timeline; policy?: RetryPolicy }): DeliveryEngine {
  return new DeliveryEngine({
    clock: deps.clock,
    timeline: deps.timeline,
    policy: deps.policy ?? DEEPGRAM_RETRY_POLICY,
    sign: deepgramHeaders,
    from: 'deepgram',
    to: 'app',
    kinds: { first: 'callback', retry: 'callback' },
    maxConcurrent: MAX_CONCURRENT,
  });
}

/** Starts delivering `job`'s result (or error) to its callback URL; nothing when it named none. */
export function sendCallback(callbacks: DeliveryEngine, job: DeepgramJob): Delivery | undefined {
  if (!job.callback) return undefined;
  const { url, authorization } = splitCredentials(job.callback.url);
  const message = { eventId: job.requestId, runId: job.runId, body: JSON.stringify(job.result ?? job.error), method: job.callback.method };
  const headers = { 'dg-token': job.keyId, ...(authorization && { authorization }) };
  return callbacks.deliver(message, [{ id: 'callback', url, headers }])[0];
}

/** Deepgram lets you put basic-auth credentials in the callback URL; fetch refuses them there, so they move to a header. */
function splitCredentials(raw: string): { url: string; authorization?: string } {
  const parsed = new URL(raw);
  if (!parsed.username && !parsed.password) return { url: raw };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}
