/**
 * How an emitter retries: the wait before each attempt (the first is usually 0) and how long a
 * receiver has to answer. Attempts stop after `delaysMs.length`; the delivery is then failed.
 */
export interface RetryPolicy {
  /** Shown in the page and in error messages ("Stripe-like", "Deepgram"). */
  name: string;
  /** Clock milliseconds to wait before attempt 1, 2, 3…, each counted from the previous failure. */
  delaysMs: readonly number[];
  /** Clock milliseconds a receiver has to answer one attempt. */
  timeoutMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Stripe does not publish its intervals; this is the Standard Webhooks schedule (about three
 * days): immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. Our choice, a setting.
 */
export const STRIPE_RETRY_POLICY: RetryPolicy = {
  name: 'Stripe-like (Standard Webhooks schedule)',
  delaysMs: [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR],
  timeoutMs: 10 * SECOND,
};

/** Deepgram retries a non-2xx callback up to 10 times, 30 s apart (the timeout is our choice). */
export const DEEPGRAM_RETRY_POLICY: RetryPolicy = {
  name: 'Deepgram (up to 10 retries, 30 s apart)',
  delaysMs: [0, ...Array.from({ length: 10 }, () => 30 * SECOND)],
  timeoutMs: 10 * SECOND,
};

/** A copy of `policy` with some fields replaced, checked so that a bad setting fails loudly. */
export function withPolicy(policy: RetryPolicy, changes: Partial<RetryPolicy>): RetryPolicy {
  const next = { ...policy, ...changes };
  if (!next.delaysMs.length || next.delaysMs.some((d) => !Number.isFinite(d) || d < 0)) {
    throw new RangeError(`A retry policy needs at least one attempt and delays of 0 ms or more; got [${next.delaysMs.join(', ')}].`);
  }
  if (!(Number.isFinite(next.timeoutMs) && next.timeoutMs > 0)) {
    throw new RangeError(`A delivery timeout must be a number of milliseconds above 0; got ${next.timeoutMs}.`);
  }
  return next;
}
