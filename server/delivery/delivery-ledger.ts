import type { Delivery, DeliveryMessage, DeliveryState, DeliveryStats, DeliveryTarget } from './delivery-types.ts';

/** One delivery, with what the engine needs to attempt it again. */
export interface Job {
  delivery: Delivery;
  message: DeliveryMessage;
  target: DeliveryTarget;
  /** Automatic attempts made: the index into the retry schedule. */
  scheduled: number;
  /** Whether the emitter's faults apply to this delivery (they may hit only a share). */
  faulted: boolean;
  cancelTimer?: () => void;
}

/**
 * The deliveries an engine knows, by id and by event, and the counts since it started. Settled
 * deliveries are forgotten oldest first past `keepSettled`, as the timeline forgets old records, so
 * a long session's memory stays bounded; the counts keep every one.
 */
export class DeliveryLedger {
  readonly #jobs = new Map<string, Job>();
  readonly #byEvent = new Map<string, Job[]>();
  readonly #counts: DeliveryStats = { emitted: 0, delivered: 0, pending: 0, failed: 0 };
  /** Ids of settled deliveries, oldest first. */
  #settledIds: string[] = [];
  #nextId = 1;

  constructor(private readonly keepSettled = 10_000) {}

  /** Opens a pending delivery of `message` to `target`, created at clock time `now`. */
  open(message: DeliveryMessage, target: DeliveryTarget, faulted: boolean, now: number): Job {
    const delivery: Delivery = {
      id: `dlv_${this.#nextId++}`,
      eventId: message.eventId,
      runId: message.runId,
      targetId: target.id,
      url: target.url,
      state: 'pending',
      attempts: 0,
      createdAt: now,
      nextAttemptAt: null,
      settledAt: null,
      reason: null,
    };
    const job: Job = { delivery, message, target, scheduled: 0, faulted };
    this.#jobs.set(delivery.id, job);
    const siblings = this.#byEvent.get(message.eventId);
    if (siblings) siblings.push(job);
    else this.#byEvent.set(message.eventId, [job]);
    this.#counts.emitted++;
    this.#counts.pending++;
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** The delivery of event `eventId` to target `targetId`, while it is remembered. */
  find(eventId: string, targetId: string): Job | undefined {
    return this.#byEvent.get(eventId)?.find((job) => job.target.id === targetId);
  }

  list(filter: { eventId?: string; state?: DeliveryState } = {}): Delivery[] {
    const jobs = filter.eventId ? (this.#byEvent.get(filter.eventId) ?? []) : [...this.#jobs.values()];
    return jobs.map((job) => job.delivery).filter((delivery) => !filter.state || delivery.state === filter.state);
  }

  jobs(): Iterable<Job> {
    return this.#jobs.values();
  }

  stats(): DeliveryStats {
    return { ...this.#counts };
  }

  /** Moves `job`'s delivery to `state` and counts it; false when it was in that state already. */
  settle(job: Job, state: 'delivered' | 'failed'): boolean {
    const { delivery } = job;
    if (delivery.state === state) return false;
    this.#counts[delivery.state]--;
    this.#counts[state]++;
    if (delivery.state === 'pending') this.#remember(delivery.id);
    delivery.state = state;
    return true;
  }

  /** Notes a newly settled delivery, and forgets the oldest settled ones past `keepSettled`. */
  #remember(id: string): void {
    this.#settledIds.push(id);
    // Forget in batches, not one at a time, so that a busy run does not shift the array per delivery.
    if (this.#settledIds.length <= this.keepSettled * 1.25) return;
    const forgotten = this.#settledIds.slice(0, this.#settledIds.length - this.keepSettled);
    this.#settledIds = this.#settledIds.slice(-this.keepSettled);
    for (const forgottenId of forgotten) {
      const job = this.#jobs.get(forgottenId);
      if (!job) continue;
      this.#jobs.delete(forgottenId);
      const siblings = this.#byEvent.get(job.message.eventId)?.filter((other) => other !== job) ?? [];
      if (siblings.length) this.#byEvent.set(job.message.eventId, siblings);
      else this.#byEvent.delete(job.message.eventId);
    }
  }
}
