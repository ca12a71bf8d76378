import { EventEmitter } from 'node:events';
import type { TimelineRecord } from '../timeline/record.ts';
import type {
  AttemptReport,
  Delivery,
  DeliveryEngineOptions,
  DeliveryMessage,
  DeliveryState,
  DeliveryStats,
  DeliveryTarget,
} from './delivery-types.ts';
import { DeliveryLedger, type Job } from './delivery-ledger.ts';
import { type FaultSettings, NO_FAULTS } from './faults.ts';
import { formatDuration } from './format-duration.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { ReorderWindow } from './reorder-window.ts';
import { isDelivered, sendAndRecord } from './send.ts';
import { Slots } from './slots.ts';

export type * from './delivery-types.ts';

const LOST_ANSWER =
  'Injected fault "fail first attempt": your answer was treated as lost, so the provider will retry. Did your handler cope with seeing this event again?';

/**
 * The shared emitter: delivers each message to each target, records every attempt on the timeline,
 * retries failures on the policy's schedule on the virtual clock, and misbehaves on request.
 * Providers differ only in their policy and their signer.
 */
export class DeliveryEngine {
  policy: RetryPolicy;
  readonly #options: DeliveryEngineOptions;
  readonly #ledger: DeliveryLedger;
  readonly #events = new EventEmitter();
  readonly #slots: Slots;
  readonly #reorder: ReorderWindow<Job>;
  #inFlight = 0;

  constructor(options: DeliveryEngineOptions) {
    this.#options = options;
    this.policy = options.policy;
    this.#ledger = new DeliveryLedger(options.keepSettled);
    this.#slots = new Slots(options.maxConcurrent ?? 32);
    this.#events.setMaxListeners(0);
    this.#reorder = new ReorderWindow(options.clock, (jobs) => {
      for (const job of jobs) this.#run(job, 'auto', jobs.length > 1 ? ['reordered'] : []);
    });
  }

  /** Starts delivering `message` to every target; the first attempts go out at once (or as faults say). */
  deliver(message: DeliveryMessage, targets: readonly DeliveryTarget[]): Delivery[] {
    const rate = this.#faults().rate;
    const random = this.#options.random ?? Math.random;
    return targets.map((target) => {
      const job = this.#create(message, target, rate >= 1 || random() < rate);
      const reorderMs = job.faulted ? this.#faults().reorderWindowMs : 0;
      if (reorderMs > 0) this.#reorder.hold(job, reorderMs);
      else this.#run(job, 'auto');
      return job.delivery;
    });
  }

  /**
   * Sends `message` again now, once, to each target (a manual resend, as in Stripe's dashboard).
   * A success settles the delivery as delivered; a failure leaves its automatic schedule alone.
   */
  resend(message: DeliveryMessage, targets: readonly DeliveryTarget[]): Delivery[] {
    return targets.map((target) => {
      const job = this.#ledger.find(message.eventId, target.id) ?? this.#create(message, target, false);
      this.#run(job, 'manual');
      return job.delivery;
    });
  }

  /** The deliveries remembered (the newest settled ones, and every pending one). */
  list(filter: { eventId?: string; state?: DeliveryState } = {}): Delivery[] {
    return this.#ledger.list(filter);
  }

  get(id: string): Delivery | undefined {
    return this.#ledger.get(id)?.delivery;
  }

  /**
   * Attempts started and not yet decided: on the wire, or waiting for a free connection. (Attempts
   * waiting on the clock, for a retry or an injected delay, are not in flight.)
   */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Attempts on the wire right now (at most `maxConcurrent`; the rest of `inFlight` wait their turn). */
  get sending(): number {
    return this.#slots.inUse;
  }

  /** Counts since the engine started, forgotten deliveries included. */
  stats(): DeliveryStats {
    return this.#ledger.stats();
  }

  /** Resolves once the delivery is delivered or failed. */
  settled(id: string): Promise<Delivery> {
    return this.waitFor(id, (delivery) => delivery.state !== 'pending');
  }

  /** Resolves once no delivery is pending. */
  idle(): Promise<void> {
    if (this.#ledger.stats().pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = () => {
        if (this.#ledger.stats().pending > 0) return;
        this.#events.off('settled', listener);
        resolve();
      };
      this.#events.on('settled', listener);
    });
  }

  /**
   * Resolves once delivery `id` matches `predicate` (checked now and after every change: an attempt
   * scheduled, a settlement). Tests wait on this instead of sleeping.
   */
  waitFor(id: string, predicate: (delivery: Delivery) => boolean): Promise<Delivery> {
    const delivery = this.get(id);
    if (!delivery) return Promise.reject(new Error(`No delivery ${id}.`));
    if (predicate(delivery)) return Promise.resolve(delivery);
    return new Promise((resolve) => {
      const listener = (changed: Delivery) => {
        if (changed.id !== id || !predicate(changed)) return;
        this.#events.off('change', listener);
        resolve(changed);
      };
      this.#events.on('change', listener);
    });
  }

  /** Calls `listener` whenever a delivery settles (delivered, failed, or delivered by a resend). */
  onSettled(listener: (delivery: Delivery) => void): () => void {
    this.#events.on('settled', listener);
    return () => this.#events.off('settled', listener);
  }

  /** Calls `listener` after every attempt, once what comes next (a retry, or none) is decided. */
  onAttempt(listener: (report: AttemptReport) => void): () => void {
    this.#events.on('attempt', listener);
    return () => this.#events.off('attempt', listener);
  }

  /** Cancels every scheduled attempt (the lab is shutting down). */
  dispose(): void {
    this.#reorder.dispose();
    for (const job of this.#ledger.jobs()) job.cancelTimer?.();
  }

  #faults(): FaultSettings {
    return this.#options.faults?.() ?? NO_FAULTS;
  }

  #create(message: DeliveryMessage, target: DeliveryTarget, faulted: boolean): Job {
    return this.#ledger.open(message, target, faulted, this.#options.clock.now());
  }

  #run(job: Job, mode: 'auto' | 'manual', labels: string[] = []): void {
    this.#attempt(job, mode, labels).catch((err: unknown) => {
      // A bug (a signer that throws, say) must not leave a delivery pending forever, uncounted.
      console.error(`[delivery] attempt for ${job.delivery.eventId} failed unexpectedly`, err);
      this.#settle(job, 'failed', `The emitter failed: ${(err as Error).message}`);
    });
  }

  async #attempt(job: Job, mode: 'auto' | 'manual', extraLabels: string[]): Promise<void> {
    const { clock } = this.#options;
    const { delivery, target } = job;
    const policy = this.policy;
    const faults = job.faulted ? this.#faults() : NO_FAULTS;
    if (mode === 'auto' && target.status === 'disabled') {
      this.#settle(job, 'failed', `Stopped before attempt ${job.scheduled + 1}: the endpoint ${target.id} was disabled or deleted.`);
      return;
    }
    if (mode === 'auto') {
      job.scheduled++;
      job.cancelTimer = undefined;
      delivery.nextAttemptAt = null;
    }
    const attempt = ++delivery.attempts;
    const isLast = mode === 'auto' && job.scheduled >= policy.delaysMs.length;
    const loseAnswer = mode === 'auto' && job.scheduled === 1 && faults.failFirstAttempt;
    const labels = [...extraLabels];
    if (mode === 'manual') labels.push('manual resend');
    if (faults.extraDelayMs > 0) {
      labels.push(`delayed ${formatDuration(faults.extraDelayMs)}`);
      await clock.sleep(faults.extraDelayMs);
    }
    this.#inFlight++;
    const release = await this.#slots.take();
    const started = performance.now();
    let record: TimelineRecord;
    try {
      if (loseAnswer) labels.push('fail first attempt');
      if (isLast) labels.push('last attempt');
      record = await this.#send(job, attempt, faults, labels, loseAnswer ? LOST_ANSWER : undefined);
      this.#decide(job, record, { mode, policy, isLast, duplicate: faults.duplicate });
    } finally {
      release();
      this.#inFlight--;
    }
    // After the decision (a retry scheduled, or settled), so that a listener can move the clock on.
    this.#events.emit('attempt', { delivery, record, realMs: performance.now() - started } satisfies AttemptReport);
  }

  /**
   * After an attempt: settle the delivery, or schedule the next attempt on the schedule of the
   * policy the attempt started with (the policy may change meanwhile, from the page).
   */
  #decide(
    job: Job,
    record: TimelineRecord,
    { mode, policy, isLast, duplicate }: { mode: 'auto' | 'manual'; policy: RetryPolicy; isLast: boolean; duplicate: boolean },
  ): void {
    const { delivery, message, target } = job;
    if (isDelivered(record)) {
      if (duplicate && mode === 'auto') this.#sendDuplicate(job, record.attempt);
      this.#settle(job, 'delivered', null);
      return;
    }
    if (delivery.state === 'pending') delivery.reason = record.error ?? `HTTP ${record.status}`;
    if (mode === 'manual' || delivery.state !== 'pending') {
      this.#events.emit('change', delivery);
      return;
    }
    if (isLast) {
      this.#settle(job, 'failed', `Gave up after ${job.scheduled} attempts (${policy.name}). Last error: ${delivery.reason}`);
      return;
    }
    const delay = policy.delaysMs[job.scheduled];
    delivery.nextAttemptAt = this.#options.clock.now() + delay;
    job.cancelTimer = this.#options.clock.setTimer(
      delay,
      () => this.#run(job, 'auto'),
      `attempt ${job.scheduled + 1} of ${message.eventId} to ${target.url}`,
    );
    this.#events.emit('change', delivery);
  }

  /** Signs and sends one request for `job`, recorded on the timeline (fault labels added to `labels`). */
  #send(job: Job, attempt: number, faults: FaultSettings, labels: string[], injectedFailure?: string): Promise<TimelineRecord> {
    const { clock, timeline, from, to, sign, kinds = { first: 'webhook', retry: 'retry' }, minRealTimeoutMs } = this.#options;
    const { message, target } = job;
    const signed = sign(message.body, target, { nowMs: clock.now(), faults });
    const request = {
      runId: message.runId,
      kind: attempt === 1 ? kinds.first : kinds.retry,
      from,
      to,
      method: message.method ?? 'POST',
      url: target.url,
      headers: signed.headers,
      body: message.body,
      attempt,
      eventId: message.eventId,
      // Signature faults first, then what happened to the attempt.
      labels: [...(signed.labels ?? []), ...labels],
      ...(injectedFailure && { injectedFailure }),
    };
    return sendAndRecord(request, { clock, timeline, timeoutMs: this.policy.timeoutMs, minRealTimeoutMs });
  }

  /** At-least-once delivery made visible: the same event again, freshly signed, recorded as a duplicate. */
  #sendDuplicate(job: Job, attempt: number): void {
    this.#send(job, attempt, NO_FAULTS, ['duplicate']).catch((err: unknown) => console.error('[delivery] duplicate failed', err));
  }

  #settle(job: Job, state: 'delivered' | 'failed', reason: string | null): void {
    const { delivery } = job;
    if (!this.#ledger.settle(job, state)) return;
    job.cancelTimer?.();
    job.cancelTimer = undefined;
    delivery.reason = reason;
    delivery.nextAttemptAt = null;
    delivery.settledAt = this.#options.clock.now();
    this.#events.emit('settled', delivery);
    this.#events.emit('change', delivery);
  }
}
