import { EventEmitter } from 'node:events';
import type { VirtualClock } from '../../clock/clock.ts';
import { sendAndRecord } from '../../delivery/send.ts';
import type { TimelineRecord } from '../../timeline/record.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import type { DeepgramJob } from './jobs.ts';

/** How Deepgram retries a callback that did not get a 2xx. */
export interface CallbackPolicy {
  /** Retries after the first attempt (Deepgram: up to 10). */
  retries: number;
  /** Clock milliseconds between attempts (Deepgram: 30 s). */
  intervalMs: number;
  /** Clock milliseconds a receiver has to answer; Deepgram does not publish one, this is our choice. */
  timeoutMs: number;
}

/** Deepgram's published behaviour (10 retries, 30 s apart) and our 10 s timeout. */
export const DEEPGRAM_CALLBACK_POLICY: CallbackPolicy = { retries: 10, intervalMs: 30_000, timeoutMs: 10_000 };

/** Callbacks on the wire at once; more wait their turn, so 1,000 finishing together do not open 1,000 sockets. */
const MAX_CONCURRENT = 64;

/** How a callback ended: delivered (a 2xx) or given up, with every attempt's record. */
export interface CallbackOutcome {
  delivered: boolean;
  attempts: TimelineRecord[];
}

/**
 * Sends a finished job's result to its callback URL, retrying on the clock until a 2xx or the
 * policy runs out; every attempt is a `callback` record on the timeline. Kept small and
 * self-contained so that it can later move onto the shared delivery engine in server/delivery/.
 */
export class CallbackSender {
  readonly #events = new EventEmitter<{ attempt: [TimelineRecord] }>().setMaxListeners(0);
  #inFlight = 0;
  #scheduled = 0;
  #sending = 0;
  readonly #queue: (() => void)[] = [];

  constructor(private readonly deps: { clock: VirtualClock; timeline: Timeline; policy?: Partial<CallbackPolicy> }) {}

  get policy(): CallbackPolicy {
    return { ...DEEPGRAM_CALLBACK_POLICY, ...this.deps.policy };
  }

  /** Attempts sent or waiting their turn right now (the scenario runner waits for zero before moving the clock). */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Attempts on the wire right now (at most 64; the rest of `inFlight` wait their turn). */
  get sending(): number {
    return this.#sending;
  }

  /** Callbacks waiting for a retry. */
  get scheduled(): number {
    return this.#scheduled;
  }

  /** Calls `listener` after each attempt, once the retry (if any) is scheduled; returns the function that stops it. */
  onAttempt(listener: (record: TimelineRecord) => void): () => void {
    this.#events.on('attempt', listener);
    return () => this.#events.off('attempt', listener);
  }

  /** Delivers `job`'s result (or error) to its callback; resolves when delivered or given up. */
  deliver(job: DeepgramJob): Promise<CallbackOutcome> {
    const target = job.callback;
    if (!target) return Promise.resolve({ delivered: false, attempts: [] });
    const { clock, timeline } = this.deps;
    const policy = this.policy;
    const { url, authorization } = splitCredentials(target.url);
    const body = JSON.stringify(job.result ?? job.error);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'dg-token': job.keyId };
    if (authorization) headers.authorization = authorization;
    const attempts: TimelineRecord[] = [];
    return new Promise((resolve) => {
      const attempt = (n: number) => {
        this.#inFlight++;
        const request = {
          runId: job.runId,
          kind: 'callback' as const,
          from: 'deepgram' as const,
          to: 'app' as const,
          method: target.method,
          url,
          headers,
          body,
          attempt: n,
          eventId: job.requestId,
          ...(n > 1 && { labels: ['retry'] }),
        };
        void this.#whenFree(() => sendAndRecord(request, { clock, timeline, timeoutMs: policy.timeoutMs })).then((record) => {
          this.#inFlight--;
          attempts.push(record);
          const ok = record.status !== null && record.status >= 200 && record.status < 300;
          if (ok || n > policy.retries) {
            this.#events.emit('attempt', record);
            return resolve({ delivered: ok, attempts });
          }
          this.#scheduled++;
          clock.setTimer(policy.intervalMs, () => {
            this.#scheduled--;
            attempt(n + 1);
          });
          this.#events.emit('attempt', record);
        });
      };
      attempt(1);
    });
  }

  /** Runs `send` now if fewer than MAX_CONCURRENT are on the wire, else when one finishes. */
  #whenFree(send: () => Promise<TimelineRecord>): Promise<TimelineRecord> {
    const start = () => {
      this.#sending++;
      return send().finally(() => {
        this.#sending--;
        this.#queue.shift()?.();
      });
    };
    if (this.#sending < MAX_CONCURRENT) return start();
    return new Promise((resolve) => this.#queue.push(() => resolve(start())));
  }
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
