/** The shapes the delivery engine works with, shared by every emitter that uses it. */
import type { VirtualClock } from '../clock/clock.ts';
import type { Party, RecordKind, TimelineRecord } from '../timeline/record.ts';
import type { Timeline } from '../timeline/timeline.ts';
import type { FaultSettings } from './faults.ts';
import type { RetryPolicy } from './retry-policy.ts';

/** Where a delivery goes. Stripe's webhook endpoints fit as they are; `secret` is what a signer uses. */
export interface DeliveryTarget {
  id: string;
  url: string;
  secret?: string;
  /** Headers every attempt to this target carries (Deepgram: `dg-token`, basic auth from the URL); a signer adds them. */
  headers?: Record<string, string>;
  /** `disabled` (or deleted) targets get no more automatic attempts; read before each one. */
  status?: string;
}

/** What is delivered: one event's body, the same on every attempt. */
export interface DeliveryMessage {
  eventId: string;
  runId: string;
  body: string;
  method?: 'POST' | 'PUT';
}

/** Headers for one attempt, and labels for the timeline when a fault changed them. */
export interface SignedHeaders {
  headers: Record<string, string>;
  labels?: string[];
}

/** Builds the headers of one attempt (signing it, or not: Deepgram's callbacks carry no signature). */
export type Signer = (body: string, target: DeliveryTarget, context: { nowMs: number; faults: FaultSettings }) => SignedHeaders;

export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** One message to one target, across all its attempts. `emitted = delivered + pending + failed`. */
export interface Delivery {
  id: string;
  eventId: string;
  runId: string;
  targetId: string;
  url: string;
  state: DeliveryState;
  /** Attempts made so far, manual resends included. */
  attempts: number;
  createdAt: number;
  /** Clock time of the next automatic attempt, while one is scheduled. */
  nextAttemptAt: number | null;
  settledAt: number | null;
  /** Why the delivery failed for good (or why its last attempt failed). */
  reason: string | null;
}

export interface DeliveryStats {
  emitted: number;
  delivered: number;
  pending: number;
  failed: number;
}

/** One attempt as it ended, with its real duration (for benchmarks). */
export interface AttemptReport {
  delivery: Delivery;
  record: TimelineRecord;
  realMs: number;
}

export interface DeliveryEngineOptions {
  clock: VirtualClock;
  timeline: Timeline;
  policy: RetryPolicy;
  sign: Signer;
  from: Party;
  to: Party;
  /** Timeline kinds of first attempts and of the rest (default `webhook` and `retry`). */
  kinds?: { first: RecordKind; retry: RecordKind };
  /** The emitter's current faults (read at each attempt). */
  faults?: () => FaultSettings;
  /** Real milliseconds a receiver always gets, whatever the clock's speed (default 0; see sendAndRecord). */
  minRealTimeoutMs?: number;
  /** Attempts in flight at once (default 32). */
  maxConcurrent?: number;
  /**
   * Settled deliveries kept for `list` and `get` (default 10,000); older ones are forgotten, as the
   * timeline forgets old records, so a long session's memory stays bounded. `stats` counts them all.
   */
  keepSettled?: number;
  /** Decides which deliveries the faults hit when their rate is below 1. */
  random?: () => number;
}
